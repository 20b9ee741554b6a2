// people_fields.js - a person's fields as the forms and the record page
// label them, with the API's codes for sex, ethnicity and SEND.
export const SEX = [['female', 'Female'], ['male', 'Male'], ['indeterminate', 'Indeterminate'], ['not_known', 'Not known']];

// The 2021 census's 19 groups, as the API codes them.
export const ETHNICITY = [
  ['white_british', 'White: English, Welsh, Scottish, Northern Irish or British'],
  ['white_irish', 'White: Irish'],
  ['white_gypsy_irish_traveller', 'White: Gypsy or Irish Traveller'],
  ['white_roma', 'White: Roma'],
  ['white_other', 'White: Any other White background'],
  ['mixed_white_black_caribbean', 'Mixed: White and Black Caribbean'],
  ['mixed_white_black_african', 'Mixed: White and Black African'],
  ['mixed_white_asian', 'Mixed: White and Asian'],
  ['mixed_other', 'Mixed: Any other Mixed or multiple ethnic background'],
  ['asian_indian', 'Asian: Indian'],
  ['asian_pakistani', 'Asian: Pakistani'],
  ['asian_bangladeshi', 'Asian: Bangladeshi'],
  ['asian_chinese', 'Asian: Chinese'],
  ['asian_other', 'Asian: Any other Asian background'],
  ['black_african', 'Black: African'],
  ['black_caribbean', 'Black: Caribbean'],
  ['black_other', 'Black: Any other Black, Black British or Caribbean background'],
  ['other_arab', 'Other: Arab'],
  ['other_any', 'Other: Any other ethnic group'],
  ['not_stated', 'Not stated (refused)'],
  ['not_known', 'Not known'],
];

export const SEND = [['none', 'No special educational needs'], ['sen_support', 'SEN support'], ['ehcp', 'Education, health and care plan']];

// PERSON_FIELDS: the create and edit form, in the order shown.
export const PERSON_FIELDS = [
  { name: 'given_name', label: 'First name', width: 20, autocomplete: 'off' },
  { name: 'family_name', label: 'Last name', width: 20 },
  { name: 'preferred_name', label: 'Preferred name (optional)', hint: 'What they like to be called', width: 20 },
  { name: 'date_of_birth', label: 'Date of birth', type: 'date', hint: 'For example, 27 3 2009' },
  { name: 'sex', label: 'Sex', type: 'radios', options: SEX, inline: true },
  { name: 'gender', label: 'Gender (optional)', width: 20 },
  { name: 'ethnicity', label: 'Ethnicity', type: 'select', options: ETHNICITY },
  { name: 'first_language', label: 'First language', width: 20 },
  { name: 'interpreter_needed', label: 'Needs an interpreter', type: 'checkbox' },
  { name: 'religion', label: 'Religion (optional)', width: 20 },
  { name: 'disability', label: 'Has a disability', type: 'checkbox' },
  { name: 'send', label: 'Special educational needs', type: 'select', options: SEND },
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

const label = (list, v) => (list.find(([k]) => k === v) || [null, v])[1];

export const labelSex = (v) => label(SEX, v);
export const labelEthnicity = (v) => label(ETHNICITY, v);
export const labelSend = (v) => label(SEND, v);
