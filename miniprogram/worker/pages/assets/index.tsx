import { Screen } from '../../../components/Screen'
import { AssetList } from '../../../components/AssetList'

/** The receiving community's admin sees the assets coming to the community (read only). */
export default function CommunityAssetsPage() {
  return (
    <Screen>
      <AssetList title='划转给本社区的资产' />
    </Screen>
  )
}
