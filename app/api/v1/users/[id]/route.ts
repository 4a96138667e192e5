import { apiRoute } from '@/lib/api/route';
import { usersApi } from '@/lib/users/api-spec';
import { updateUser } from '@/lib/users/mutations';

export const PATCH = apiRoute(usersApi.update, ({ actor, params, body }) => updateUser(actor, params.id, body));
