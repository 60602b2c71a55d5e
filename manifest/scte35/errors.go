package scte35

import "errors"

// Sentinel errors; every error returned by this package wraps one of them.
var (
	// ErrShort means the data ends before the structure it holds does.
	ErrShort = errors.New("scte35: data too short")
	// ErrLength means a length field disagrees with the bytes around it.
	ErrLength = errors.New("scte35: inconsistent length field")
	// ErrTableID means the first byte is not table_id 0xFC.
	ErrTableID = errors.New("scte35: table_id is not 0xFC")
	// ErrCRC means the CRC_32 does not match the section.
	ErrCRC = errors.New("scte35: CRC_32 mismatch")
	// ErrEncrypted means encrypted_packet is set; decryption is unsupported.
	ErrEncrypted = errors.New("scte35: encrypted section")
	// ErrVersion means protocol_version is not 0.
	ErrVersion = errors.New("scte35: unsupported protocol_version")
	// ErrCommand means the splice_command_type is reserved or does not
	// match the command fields set on a Section.
	ErrCommand = errors.New("scte35: unsupported splice command")
	// ErrEncoding means a cue string is neither valid hex nor base64.
	ErrEncoding = errors.New("scte35: bad cue string encoding")
	// ErrInvalid means a Section cannot be encoded as given: a value
	// overflows its bit field or a field is set where the format has no
	// place for it.
	ErrInvalid = errors.New("scte35: invalid field")
)
