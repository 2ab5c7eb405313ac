import { call, client } from './client';
import type { CreateUserInput, RoleInput, UpdateUserInput, UserAdmin, UserChoice } from './types';

export const USERS_KEY = 'users';

/**
 * A user as /users lists it (the server's AdminUser schema): the linked member's name and each
 * role's scope by name, so no page shows an id.
 */
export type UserRow = UserAdmin;

export type { UserChoice };

/** Up to 20 homes (kind 'home') or members (kind 'member') matching `q`, for the user form. */
export const searchUserChoices = (kind: 'home' | 'member', q: string, signal?: AbortSignal) =>
  call(
    client.GET('/users/choices', { params: { query: { kind, q: q || undefined, pageSize: 20 } }, signal }),
  ).then((page) => page.items);

export const createUser = (input: CreateUserInput) => call(client.POST('/users', { body: input }));

export const updateUser = (id: string, input: UpdateUserInput) =>
  call(client.PATCH('/users/{id}', { params: { path: { id } }, body: input }));

/** Disables the user and ends all their sessions. */
export const disableUser = (id: string) => call(client.DELETE('/users/{id}', { params: { path: { id } } }));

export const enableUser = (id: string) => updateUser(id, { disabled: false });
export const unlockUserSignIn = (id: string) =>
  call(client.POST('/users/{id}/unlock', { params: { path: { id } } }));

/** A security administrator takes away a second factor (a lost phone). */
export const resetUserSecondFactor = (id: string) =>
  call(client.POST('/users/{id}/2fa/reset', { params: { path: { id } } }));

/** A security administrator sets the roles (granting a request, or any other change). */
export const setUserRoles = (id: string, roles: RoleInput[]) =>
  call(client.PUT('/users/{id}/roles', { params: { path: { id } }, body: { roles } }));

/** A security administrator refuses the roles a system administrator asked for. */
export const refuseUserRoles = (id: string) =>
  call(client.DELETE('/users/{id}/pending-roles', { params: { path: { id } } }));
