import type { FastifyReply, FastifyRequest } from 'fastify';
import { NetOpsError } from '../../core/errors/index.ts';
import type { UserRecord, UserRepository } from '../../core/ports/user-repository.ts';
import { hashApiToken } from '../../core/users/api-token.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRecord | null;
  }
}

/** Bearer API tokens: the token's sha256 is looked up; disabled users are refused. */
export function bearerAuth(users: UserRepository) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = req.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) {
      throw new NetOpsError('UNAUTHENTICATED', 'Send an API token: "Authorization: Bearer <token>" (create one with `netops token create USER`).');
    }
    const user = await users.findByTokenHash(hashApiToken(match[1]));
    if (!user || user.disabled) throw new NetOpsError('UNAUTHENTICATED', 'The API token is unknown, revoked or expired, or its user is disabled.');
    req.user = user;
  };
}
