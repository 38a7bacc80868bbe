import { useCallback } from 'react'
import { callCloud } from '../../../services/cloud'
import { useCloudData } from '../../../services/useCloudData'
import { NoticeStanding, OpinionList } from '../../../components/NoticeOpinions'
import { Screen } from '../../../components/Screen'

/** 意见反馈: the retirees' opinions on the 公示, each answered here, with the read counts. */
export default function EnterpriseOpinionsPage() {
  const { data, error, reload } = useCloudData(useCallback(() => callCloud('notice.get', {}), []))
  return (
    <Screen error={error} loading={!data}>
      {data && <NoticeStanding view={data} />}
      <OpinionList answering onAnswered={reload} />
    </Screen>
  )
}
