// Personal identity: resident ID numbers (GB 11643-1999) and masking for display.
export {
  validateResidentIdNumber,
  makeResidentIdNumber,
  maskIdNumber,
  maskPhone,
  type ResidentIdValidation,
  type ResidentIdProblemCode,
} from './residentIdNumber.js';
export {
  PERSONAL_KINDS,
  personalFields,
  mapPersonalValues,
  withoutPersonalValues,
  maskName,
  maskAddress,
  maskPersonalValue,
  maskPersonalValues,
  restoreMaskedValues,
  type PersonalKind,
  type PersonalField,
} from './personalFields.js';
