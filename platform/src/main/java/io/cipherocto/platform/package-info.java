/**
 * What every service role shares: the API error contract ({@code {"error": code, "message": text}}), the node's
 * role selection and access to the chain and the deployment manifest.
 */
package io.cipherocto.platform;
