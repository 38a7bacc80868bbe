import { createCipheriv, randomBytes } from 'node:crypto'
import { createIdNumberVault, deriveKey, isVaultError, keyIdOf, LOCAL_DEVELOPMENT_MASTER_KEY, masterKeyFromEnv, vaultKeysFromEnv, VaultError } from './AesIdNumberVault'
import { maskIdNumber } from '../../shared/Mask'

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
    const body = Buffer.from(parts[4], 'base64')
    body[0] ^= 1
    parts[4] = body.toString('base64')
    expect(() => vault.open({ ...sealed, sealed: parts.join('.') })).toThrow()
  })

  test('a seal whose tag was cut short does not open', () => {
    const sealed = vault.seal(id)
    const parts = sealed.sealed.split('.')
    for (const bytes of [4, 8, 12, 15]) {
      const cut = [...parts.slice(0, 3), Buffer.from(parts[3], 'base64').subarray(0, bytes).toString('base64'), parts[4]].join('.')
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

/** A value as the vault sealed it before key ids existed (format v1), with `master`. */
function legacySeal(master: Buffer, idNumber: string) {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', deriveKey(master, 'id-number/encryption'), iv)
  const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()])
  return { sealed: ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.'), hash: createIdNumberVault(master).lookupHash(idNumber), masked: maskIdNumber(idNumber) }
}

describe('key rotation in the vault', () => {
  const [oldKey, newKey] = [Buffer.alloc(32, 21), Buffer.alloc(32, 22)]
  const rotating = createIdNumberVault({ master: newKey, previous: oldKey, lookup: oldKey })
  const after = createIdNumberVault({ master: newKey, lookup: oldKey })

  test('a seal names its key; the id is the key’s public name, not the key', () => {
    const parts = rotating.seal(id).sealed.split('.')
    expect(parts[0]).toBe('v2')
    expect(parts[1]).toBe(keyIdOf(newKey))
    expect(rotating.currentKeyId).toBe(keyIdOf(newKey))
    expect(keyIdOf(oldKey)).not.toBe(keyIdOf(newKey))
    expect(parts[1]).not.toContain(newKey.toString('hex').slice(0, 8))
  })

  test('values sealed before key ids existed open with the key of their time, and are not current', () => {
    const legacy = legacySeal(oldKey, id)
    expect(createIdNumberVault(oldKey).open(legacy)).toBe(id)
    expect(createIdNumberVault(oldKey).sealedWithCurrentKey(legacy)).toBe(false)
    expect(rotating.open(legacy)).toBe(id)
    expect(rotating.sealedWithCurrentKey(legacy)).toBe(false)
  })

  test('during a rotation both keys open, writes seal with the new key, and the hash does not move', () => {
    const before = createIdNumberVault(oldKey).seal(id)
    expect(rotating.open(before)).toBe(id)
    expect(rotating.sealedWithCurrentKey(before)).toBe(false)
    const resealed = rotating.reseal(before)
    expect(rotating.sealedWithCurrentKey(resealed)).toBe(true)
    expect(resealed).toMatchObject({ hash: before.hash, masked: before.masked })
    expect(after.open(resealed)).toBe(id)
    expect(rotating.seal(id).hash).toBe(before.hash)
    expect(after.lookupHash(id)).toBe(before.hash)
    // Once the previous key is gone, what it alone sealed no longer opens: the rotation must finish first.
    expect(() => after.open(before)).toThrow(VaultError)
  })

  test('a value sealed with a key the vault does not hold is a typed error that names neither the value nor a key', () => {
    const stranger = createIdNumberVault(Buffer.alloc(32, 99)).seal(id)
    let caught: unknown
    try {
      rotating.open(stranger)
    } catch (e) {
      caught = e
    }
    expect(isVaultError(caught)).toBe(true)
    const e = caught as VaultError
    expect(e).toMatchObject({ code: 'INTERNAL', failure: 'unknownKey' })
    expect(e.message).toMatch(/密钥/)
    const said = JSON.stringify({ message: e.message, context: e.context })
    for (const secret of [id, stranger.sealed.split('.')[4], Buffer.alloc(32, 99).toString('hex'), newKey.toString('hex'), oldKey.toString('hex')]) expect(said).not.toContain(secret)
  })

  test('a value whose key id was swapped for the current one fails its tag; garbage is malformed', () => {
    const parts = createIdNumberVault(oldKey).seal(id).sealed.split('.')
    parts[1] = keyIdOf(newKey)
    expect(() => rotating.open({ sealed: parts.join('.'), hash: 'h', masked: 'm' })).toThrow(expect.objectContaining({ failure: 'unauthentic' }))
    for (const sealed of ['v3.a.b.c', 'v2.x.y', 'v1..a.b', 'nonsense']) expect(() => rotating.open({ sealed, hash: 'h', masked: 'm' })).toThrow(expect.objectContaining({ failure: 'malformed' }))
  })

  test('a rotation from the environment needs the look-up key, so the hashes stay what they were', () => {
    const env = { PII_MASTER_KEY: newKey.toString('hex'), PII_PREVIOUS_KEY: oldKey.toString('hex') }
    expect(() => vaultKeysFromEnv(env, false)).toThrow(/PII_LOOKUP_KEY/)
    expect(vaultKeysFromEnv({ ...env, PII_LOOKUP_KEY: oldKey.toString('base64') }, false)).toEqual({ master: newKey, previous: oldKey, lookup: oldKey })
    expect(vaultKeysFromEnv({ PII_MASTER_KEY: newKey.toString('hex') }, false)).toEqual({ master: newKey })
    expect(() => vaultKeysFromEnv({ ...env, PII_LOOKUP_KEY: 'short' }, false)).toThrow(/PII_LOOKUP_KEY must be 32 bytes/)
  })
})
