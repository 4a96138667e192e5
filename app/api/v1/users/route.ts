import { apiRoute } from '@/lib/api/route';
import { createUser } from '@/lib/users/mutations';
import { listUsers } from '@/lib/users/queries';
import { usersApi } from '@/lib/users/api-spec';

export const GET = apiRoute(usersApi.list, ({ actor, query }) => listUsers(actor, query));

export const POST = apiRoute(usersApi.create, ({ actor, body }) => createUser(actor, body));
