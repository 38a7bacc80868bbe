import type { AuditEntry, FieldChange } from '../../shared/AuditEntry'
import type { User } from '../../shared/User'

let written = 0

/**
 * An audit entry's id. Entries are listed by time, then id; those written in one instant keep the
 * order this process wrote them in, because the id starts with a counter (ties between function
 * instances fall back to the random part).
 */
function auditId(newId: () => string): string {
  return `${(written++).toString(36).padStart(8, '0')}-${newId()}`
}

/** Builds an audit entry. `changes` must already be masked (see shared/CaseChanges). The actor is a user, or `system` for what no person did. */
export function auditEntry(
  deps: { newId(): string },
  e: { user: Pick<User, 'id'> & { role: AuditEntry['actor']['role'] }; now: Date; action: string; caseId: string | null; outcome: AuditEntry['outcome']; changes?: FieldChange[]; id?: string },
): AuditEntry {
  return {
    // An id given by the caller is one derived from what it records (the roster import's rows: written again, the same).
    id: e.id ?? auditId(() => deps.newId()),
    at: e.now.toISOString(),
    actor: { userId: e.user.id, role: e.user.role },
    action: e.action,
    caseId: e.caseId,
    outcome: e.outcome,
    changes: e.changes ?? [],
  }
}
