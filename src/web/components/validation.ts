// Patterns the forms check before sending; the server checks the same again.

/** A mobile number: 11 digits starting with 1. */
export const PHONE_PATTERN = /^1\d{10}$/;

/** A web address the platform can link to. */
export const URL_PATTERN = /^https?:\/\/\S+$/i;
