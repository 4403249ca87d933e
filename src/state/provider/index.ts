/** The pure provider-form model: descriptors, edit model, validation, diff, view rows. */
export * from './types.js';
export { SECTIONS, DESCRIPTORS, descriptor, findDescriptor, isVisible, isReadOnly } from './descriptors.js';
export * from './edit-model.js';
export * from './validate.js';
export * from './diff.js';
export * from '../form-screen/form-view.js';
export * from './other-fields.js';
export * from './pem.js';
export * from './env-var.js';
export * as allowedRequests from './allowed-requests.js';
export { KNOWN_REQUEST_FLAGS, type AllowedRequestsModel } from './allowed-requests.js';
export { isCustomProvider, baseType } from './provider-kind.js';
