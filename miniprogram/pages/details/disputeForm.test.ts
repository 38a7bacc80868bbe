import { disputeFromDraft, toggleField } from './disputeForm'

describe('dispute form', () => {
  test('nothing chosen asks the person to pick a field', () => {
    expect(disputeFromDraft({})).toEqual({ ok: false, message: '请先点一下哪一项不对。' })
  })

  test('a chosen field needs a reason', () => {
    expect(disputeFromDraft({ phone: '  ' })).toEqual({ ok: false, message: '请在每个选中的项目下面写一句哪里不对。' })
  })

  test('a reason over 100 characters is refused', () => {
    expect(disputeFromDraft({ phone: '很'.repeat(101) }).ok).toBe(false)
  })

  test('chosen fields with reasons become the request, trimmed', () => {
    expect(disputeFromDraft({ hukouAddress: ' 应为12号 ', phone: '换号了' })).toEqual({
      ok: true,
      fields: [
        { field: 'hukouAddress', reason: '应为12号' },
        { field: 'phone', reason: '换号了' },
      ],
    })
  })

  test('tapping a field chooses it; tapping again lets it go with its reason', () => {
    const chosen = toggleField({}, 'name')
    expect(chosen).toEqual({ name: '' })
    expect(toggleField({ ...chosen, name: '写错了' }, 'name')).toEqual({})
  })
})
