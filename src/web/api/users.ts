import { api } from './client';
import type { CreateUserInput, UpdateUserInput, UserAdmin } from './types';

export const USERS_KEY = 'users';

export const createUser = (input: CreateUserInput) => api.post<UserAdmin>('/users', input);

export const updateUser = (id: string, input: UpdateUserInput) =>
  api.patch<UserAdmin>(`/users/${encodeURIComponent(id)}`, input);

/** Disables the user and ends all their sessions. */
export const disableUser = (id: string) => api.delete(`/users/${encodeURIComponent(id)}`);

export const enableUser = (id: string) => updateUser(id, { disabled: false });
