import { useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import { ROSTER_COLUMNS, type RosterColumnKey } from '../../../../shared/RosterImport'
import { Line } from '../../../components/Screen'

type Form = Partial<Record<RosterColumnKey, string>>

/** A column the template fills with 是/否 is a yes/no choice here. */
const isChoice = (c: (typeof ROSTER_COLUMNS)[number]) => c.example === '是' || c.example === '否'

/**
 * 新退休人员: one person typed field by field, one field per column of the roster template, so the
 * form and the file can never disagree. It is checked as a roster of one row.
 */
export type OnePerson = Form

export function OnePersonForm({ busy, onCheck }: { busy: boolean; onCheck: (form: Form) => void }) {
  const [form, setForm] = useState<Form>({})
  const set = (key: RosterColumnKey, value: string) => setForm({ ...form, [key]: value })
  return (
    <View>
      {ROSTER_COLUMNS.filter((c) => !isChoice(c)).map((c) => (
        <View key={c.key}>
          <Line tone='soft'>{c.header}{c.required || c.header.includes('（') ? '' : '（可不填）'}</Line>
          <Input className='input' aria-label={c.header} placeholder={c.example ? `如：${c.example}` : '可不填'} value={form[c.key] ?? ''} onInput={(e) => set(c.key, e.detail.value)} />
        </View>
      ))}
      <Line tone='soft'>是否属于下列情况（点一下选中，再点取消）</Line>
      <View role='group' aria-label='人员类别'>
        {ROSTER_COLUMNS.filter(isChoice).map((c) => {
          const yes = form[c.key] === '是'
          return (
            <Button key={c.key} className={yes ? 'pick picked' : 'pick'} aria-pressed={yes} onClick={() => set(c.key, yes ? '否' : '是')}>
              {c.header}
            </Button>
          )
        })}
      </View>
      <Button className='big-button' {...(busy ? { disabled: true } : {})} onClick={() => onCheck(form)}>检查这个人的信息</Button>
    </View>
  )
}
