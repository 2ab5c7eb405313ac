import { api } from './client';
import type { CreateUserInput, Page, RoleAssignment, UpdateUserInput, UserAdmin } from './types';

export const USERS_KEY = 'users';

/** A role of a listed user, with the name of its scope (an org unit or a home). */
export interface NamedRole extends RoleAssignment {
  scopeName?: string | null;
}

/** A user as /users lists it: the linked member and every scope by name, never only by id. */
export type UserRow = Omit<UserAdmin, 'roles'> & { memberName?: string | null; roles: NamedRole[] };

/** Something an account can be tied to (GET /users/choices): a home or a member, by name. */
export interface UserChoice {
  id: string;
  name: string;
  detail: string | null;
}

/** Up to 20 homes (kind 'home') or members (kind 'member') matching `q`, for the user form. */
export const searchUserChoices = (kind: 'home' | 'member', q: string, signal?: AbortSignal) =>
  api
    .get<Page<UserChoice>>('/users/choices', { kind, q: q || undefined, pageSize: 20 }, { signal })
    .then((page) => page.items);

export const createUser = (input: CreateUserInput) => api.post<UserRow>('/users', input);

export const updateUser = (id: string, input: UpdateUserInput) =>
  api.patch<UserRow>(`/users/${encodeURIComponent(id)}`, input);

/** Disables the user and ends all their sessions. */
export const disableUser = (id: string) => api.delete(`/users/${encodeURIComponent(id)}`);

export const enableUser = (id: string) => updateUser(id, { disabled: false });
