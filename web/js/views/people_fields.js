// people_fields.js - a person's fields as the forms and the record page
// label them, with the API's vocabularies for sex, ethnicity and SEND
// (vocab.js).
import * as vocab from '../vocab.js';

export const SEX = vocab.options('sex');
export const ETHNICITY = vocab.options('ethnicity'); // the 2021 census's 19 groups
export const SEND = vocab.options('send');

// PERSON_FIELDS: the create and edit form, in the order shown.
export const PERSON_FIELDS = [
  { name: 'given_name', label: 'First name', width: 20, autocomplete: 'off' },
  { name: 'family_name', label: 'Last name', width: 20 },
  { name: 'preferred_name', label: 'Preferred name (optional)', hint: 'What they like to be called', width: 20 },
  { name: 'date_of_birth', label: 'Date of birth', type: 'date', example: 'child_birth' },
  { name: 'sex', label: 'Sex', type: 'radios', options: SEX, inline: true },
  { name: 'gender', label: 'Gender (optional)', width: 20 },
  { name: 'ethnicity', label: 'Ethnicity', type: 'select', options: ETHNICITY, placeholder: 'Not recorded' },
  { name: 'first_language', label: 'First language', width: 20 },
  { name: 'interpreter_needed', label: 'Needs an interpreter', type: 'checkbox' },
  { name: 'religion', label: 'Religion (optional)', width: 20 },
  { name: 'disability', label: 'Has a disability', type: 'checkbox' },
  { name: 'send', label: 'Special educational needs', type: 'select', options: SEND, placeholder: 'Not recorded' },
  { section: 'Contact details' },
  { name: 'address', label: 'Address', type: 'textarea', rows: 3 },
  { name: 'postcode', label: 'Postcode', width: 10 },
  { name: 'phone', label: 'Phone', type: 'tel', width: 20 },
  { name: 'email', label: 'Email', type: 'email' },
  { section: 'Identifiers' },
  { name: 'local_id', label: 'Local child id', width: 20 },
  { name: 'upn', label: 'Unique pupil number (UPN)', width: 20 },
  { name: 'nhs_number', label: 'NHS number', width: 10, hint: '10 digits' },
  { name: 'pnc_id', label: 'PNC id', width: 20, hint: 'For example, 09/123456A' },
  { section: 'Alerts' },
  { name: 'alerts', label: 'Alerts', type: 'lines', rows: 3, hint: 'One per line, for example a risk to workers' },
];

export const labelSex = (v) => vocab.label('sex', v);
export const labelEthnicity = (v) => vocab.label('ethnicity', v);
export const labelSend = (v) => vocab.label('send', v);
