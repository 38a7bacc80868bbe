import { createIdNumberVault, LOCAL_DEVELOPMENT_MASTER_KEY, masterKeyFromEnv } from './AesIdNumberVault'

const id = '11010519491231002X'

describe('ID number vault (AES-256-GCM + HMAC look-up)', () => {
  const vault = createIdNumberVault(Buffer.alloc(32, 7))

  test('seals without the plain number, opens back, masks and hashes', () => {
    const sealed = vault.seal(id)
    expect(sealed.sealed).not.toContain(id)
    expect(sealed.sealed).not.toContain('19491231')
    expect(sealed.masked).toBe('110105************')
    expect(vault.open(sealed)).toBe(id)
    expect(sealed.hash).toBe(vault.lookupHash(id))
  })

  test('two seals of one number differ (random IV) but share the look-up hash', () => {
    const [a, b] = [vault.seal(id), vault.seal(id)]
    expect(a.sealed).not.toBe(b.sealed)
    expect(a.hash).toBe(b.hash)
  })

  test('a tampered ciphertext does not open', () => {
    const sealed = vault.seal(id)
    const parts = sealed.sealed.split('.')
    const body = Buffer.from(parts[3], 'base64')
    body[0] ^= 1
    parts[3] = body.toString('base64')
    expect(() => vault.open({ ...sealed, sealed: parts.join('.') })).toThrow()
  })

  test('a seal whose tag was cut short does not open', () => {
    const sealed = vault.seal(id)
    const parts = sealed.sealed.split('.')
    for (const bytes of [4, 8, 12, 15]) {
      const cut = [...parts.slice(0, 2), Buffer.from(parts[2], 'base64').subarray(0, bytes).toString('base64'), parts[3]].join('.')
      expect(() => vault.open({ ...sealed, sealed: cut })).toThrow()
    }
    expect(vault.open(sealed)).toBe(id)
  })

  test('another key neither opens the seal nor gives the same hash', () => {
    const other = createIdNumberVault(Buffer.alloc(32, 8))
    expect(() => other.open(vault.seal(id))).toThrow()
    expect(other.lookupHash(id)).not.toBe(vault.lookupHash(id))
  })

  test('the master key comes from the environment; production refuses to run without one', () => {
    expect(() => masterKeyFromEnv({}, false)).toThrow(/PII_MASTER_KEY/)
    expect(masterKeyFromEnv({}, true)).toBe(LOCAL_DEVELOPMENT_MASTER_KEY)
    expect(masterKeyFromEnv({ PII_MASTER_KEY: 'ab'.repeat(32) }, false)).toEqual(Buffer.alloc(32, 0xab))
    expect(masterKeyFromEnv({ PII_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') }, false)).toEqual(Buffer.alloc(32, 1))
    expect(() => masterKeyFromEnv({ PII_MASTER_KEY: 'short' }, false)).toThrow(/32 bytes/)
  })
})
