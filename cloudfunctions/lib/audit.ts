import type { AuditEntry, FieldChange } from '../../shared/AuditEntry'
import type { User } from '../../shared/User'

/** Builds an audit entry. `changes` must already be masked (see shared/CaseChanges). */
export function auditEntry(
  deps: { newId(): string },
  e: { user: User; now: Date; action: string; caseId: string | null; outcome: AuditEntry['outcome']; changes?: FieldChange[] },
): AuditEntry {
  return {
    id: deps.newId(),
    at: e.now.toISOString(),
    actor: { userId: e.user.id, role: e.user.role },
    action: e.action,
    caseId: e.caseId,
    outcome: e.outcome,
    changes: e.changes ?? [],
  }
}
