import type { ErrorCode } from '../../shared/AppError'

/** A refusal from the cloud: its code from the closed set, and a Chinese message for people. */
export class CloudError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'CloudError'
  }
}
