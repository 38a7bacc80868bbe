/** Entry of `npm run archive` (see archiveCli.ts). */
import { main } from './archiveCli'

void main()
