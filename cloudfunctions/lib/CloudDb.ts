/**
 * The part of wx-server-sdk's database API (cloud.database({ throwOnNotFound: false })) that
 * CloudDbStore uses, as documented for cloud functions. FakeCloudDatabase implements the same.
 */
export interface CloudCommand {
  gt(value: unknown): unknown
  /** Not equal (a missing field is not equal either). */
  neq(value: unknown): unknown
  gte(value: unknown): unknown
  lt(value: unknown): unknown
  in(values: unknown[]): unknown
  /** Matches when the field exists (true) or is absent (false). */
  exists(value: boolean): unknown
  set(value: unknown): unknown
  /** Across fields: every condition (a query object or another and/or) must hold; where(_.and([...])). */
  and(conditions: unknown[]): object
  /** Across fields: at least one condition must hold; where(_.or([...])). */
  or(conditions: unknown[]): object
}

export interface CloudDocument {
  get(): Promise<{ data: Record<string, unknown> | null }>
  set(options: { data: Record<string, unknown> }): Promise<unknown>
  remove(): Promise<unknown>
}

export interface CloudQuery {
  /** A query object, or a cross-field command.and / command.or. */
  where(condition: object): CloudQuery
  orderBy(field: string, order: 'asc' | 'desc'): CloudQuery
  limit(n: number): CloudQuery
  get(): Promise<{ data: Record<string, unknown>[] }>
  /** How many documents match, all of them: no page limit applies to a count. */
  count(): Promise<{ total: number }>
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocument
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>
}

export interface CloudTransaction {
  collection(name: string): { doc(id: string): CloudDocument; add(options: { data: Record<string, unknown> }): Promise<unknown> }
  rollback(reason: unknown): Promise<void>
}

export interface CloudDb {
  command: CloudCommand
  collection(name: string): CloudCollection
  runTransaction<T>(run: (tx: CloudTransaction) => Promise<T>, retries?: number): Promise<T>
}
