// Package configs holds adstitch's typed configuration: the YAML schema, its
// embedded defaults, environment overrides and validation.
package configs
