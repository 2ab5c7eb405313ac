import type { TFunction } from 'i18next';
import {
  HOME_ACTIONS,
  HOME_KINDS,
  HOME_STATUSES,
  type HomeAction,
  type HomeKind,
  type HomeStatus,
  VENUE_TYPES,
  type VenueType,
} from '../../domain/home-workflow';
import {
  GENDERS,
  type Gender,
  HOME_LEVELS,
  type HomeLevel,
  MEMBER_LEVELS,
  type MemberLevel,
} from '../api/types';

// Type guards and label lookups for codes sent by the server: an unknown code is shown as sent.

const includes = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export const isHomeStatus = (value: string): value is HomeStatus => includes(HOME_STATUSES, value);
export const isHomeAction = (value: string): value is HomeAction => includes(HOME_ACTIONS, value);

export const homeStatusLabel = (t: TFunction, value: string) =>
  isHomeStatus(value) ? t(`homeStatuses.${value}`) : value;
export const homeActionLabel = (t: TFunction, value: string) =>
  isHomeAction(value) ? t(`homeActions.${value}`) : value;
export const homeKindLabel = (t: TFunction, value: string) =>
  includes<HomeKind>(HOME_KINDS, value) ? t(`homeKinds.${value}`) : value;
export const homeLevelLabel = (t: TFunction, value: string) =>
  includes<HomeLevel>(HOME_LEVELS, value) ? t(`homeLevels.${value}`) : value;
export const venueTypeLabel = (t: TFunction, value: string) =>
  includes<VenueType>(VENUE_TYPES, value) ? t(`venueTypes.${value}`) : value;
export const memberLevelLabel = (t: TFunction, value: string) =>
  includes<MemberLevel>(MEMBER_LEVELS, value) ? t(`memberLevels.${value}`) : value;
export const genderLabel = (t: TFunction, value: string) =>
  includes<Gender>(GENDERS, value) ? t(`genders.${value}`) : value;

/** Select options of a list of codes with their labels. */
export function labelOptions<T extends string>(values: readonly T[], label: (value: T) => string) {
  return values.map((value) => ({ value, label: label(value) }));
}
