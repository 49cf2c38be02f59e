/**
 * Small pieces every feature shares: the API's error vocabulary (mapped to RFC 9457 problem details) and clock access.
 * Holds no feature logic and imports no feature.
 */
package hk.carerelay.shared;
