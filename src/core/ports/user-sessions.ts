/**
 * The web sessions of a user, wherever they are stored. Covers ending them (after a password change,
 * a reset or a disable); creating and reading sessions stays with the web session plugin.
 */
export interface UserSessions {
  /** Ends every session of the user except `keepSessionId`; returns how many were ended. */
  endAll(userId: string, keepSessionId?: string): Promise<number>;
}
