/** Entry of `npm run import` (see importCli.ts). */
import { main } from './importCli'

void main()
