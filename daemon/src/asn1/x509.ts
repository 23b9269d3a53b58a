// @peculiar/asn1-x509 is CommonJS: the default import is its module.exports, complete without Node's
// named-export detection. One instance in the CLI bundle, shared with @peculiar/x509. Only the names vanthu uses.
import type * as Lib from '@peculiar/asn1-x509';
import lib from '@peculiar/asn1-x509';

export const AlgorithmIdentifier = lib.AlgorithmIdentifier;
export type AlgorithmIdentifier = Lib.AlgorithmIdentifier;
export const AuthorityInfoAccessSyntax = lib.AuthorityInfoAccessSyntax;
export type AuthorityInfoAccessSyntax = Lib.AuthorityInfoAccessSyntax;
export const AuthorityKeyIdentifier = lib.AuthorityKeyIdentifier;
export type AuthorityKeyIdentifier = Lib.AuthorityKeyIdentifier;
export const BasicConstraints = lib.BasicConstraints;
export type BasicConstraints = Lib.BasicConstraints;
export const CRLDistributionPoints = lib.CRLDistributionPoints;
export type CRLDistributionPoints = Lib.CRLDistributionPoints;
export const Certificate = lib.Certificate;
export type Certificate = Lib.Certificate;
export const CertificateList = lib.CertificateList;
export type CertificateList = Lib.CertificateList;
export const ExtendedKeyUsage = lib.ExtendedKeyUsage;
export type ExtendedKeyUsage = Lib.ExtendedKeyUsage;
export const Extension = lib.Extension;
export type Extension = Lib.Extension;
export const GeneralName = lib.GeneralName;
export type GeneralName = Lib.GeneralName;
export const GeneralNames = lib.GeneralNames;
export type GeneralNames = Lib.GeneralNames;
export const KeyUsage = lib.KeyUsage;
export type KeyUsage = Lib.KeyUsage;
export const KeyUsageFlags = lib.KeyUsageFlags;
export type KeyUsageFlags = Lib.KeyUsageFlags;
export const Name = lib.Name;
export type Name = Lib.Name;
export const PolicyInformation = lib.PolicyInformation;
export type PolicyInformation = Lib.PolicyInformation;
export const SubjectKeyIdentifier = lib.SubjectKeyIdentifier;
export type SubjectKeyIdentifier = Lib.SubjectKeyIdentifier;
export const Time = lib.Time;
export type Time = Lib.Time;
