// Package session owns adstitch's viewer sessions: signed, stateless tokens
// carried in every playlist and segment URL path. Any instance holding the
// keys can open a token; nothing is stored server side.
//
// A token is base64url (no padding) of
//
//	version   1 byte, currently 1
//	key id    1 length byte (1..16) + the id of the key that signed it
//	flags     1 byte; bit 0: a viewer hash follows
//	id        16 bytes, random session id
//	viewer    16 bytes, only with flag bit 0
//	created   varint, unix seconds
//	utcoffset varint, minutes east of UTC
//	stream, country, region, city   uvarint length + bytes each
//	interests uvarint count, then each as uvarint length + bytes
//	device    uvarint length + bytes
//	tag       first 16 bytes of HMAC-SHA256(key, everything above)
//
// Limits (checked by Seal and by Open): token at most MaxTokenLen bytes,
// each string at most MaxStringLen bytes, at most MaxInterests interests.
//
// Open is on the hot path of every playlist and segment request: it does not
// allocate when the same *Context is reused. The package knows nothing about
// HTTP, geo lookup or configuration files; the server builds the Context and
// the Keyring.
package session
