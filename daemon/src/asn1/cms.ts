// @peculiar/asn1-cms is CommonJS: the default import is its module.exports, complete without Node's
// named-export detection. One instance in the CLI bundle, shared with @peculiar/x509. Only the names vanthu uses.
import type * as Lib from '@peculiar/asn1-cms';
import lib from '@peculiar/asn1-cms';

export const Attribute = lib.Attribute;
export type Attribute = Lib.Attribute;
export const CMSVersion = lib.CMSVersion;
export type CMSVersion = Lib.CMSVersion;
export const CertificateChoices = lib.CertificateChoices;
export type CertificateChoices = Lib.CertificateChoices;
export const CertificateSet = lib.CertificateSet;
export type CertificateSet = Lib.CertificateSet;
export const ContentInfo = lib.ContentInfo;
export type ContentInfo = Lib.ContentInfo;
export const DigestAlgorithmIdentifiers = lib.DigestAlgorithmIdentifiers;
export type DigestAlgorithmIdentifiers = Lib.DigestAlgorithmIdentifiers;
export const EncapsulatedContentInfo = lib.EncapsulatedContentInfo;
export type EncapsulatedContentInfo = Lib.EncapsulatedContentInfo;
export const EncryptedContentInfo = lib.EncryptedContentInfo;
export type EncryptedContentInfo = Lib.EncryptedContentInfo;
export const IssuerAndSerialNumber = lib.IssuerAndSerialNumber;
export type IssuerAndSerialNumber = Lib.IssuerAndSerialNumber;
export const SignedData = lib.SignedData;
export type SignedData = Lib.SignedData;
export const SignerIdentifier = lib.SignerIdentifier;
export type SignerIdentifier = Lib.SignerIdentifier;
export const SignerInfo = lib.SignerInfo;
export type SignerInfo = Lib.SignerInfo;
export const SignerInfos = lib.SignerInfos;
export type SignerInfos = Lib.SignerInfos;
export const id_contentType = lib.id_contentType;
export const id_data = lib.id_data;
export const id_encryptedData = lib.id_encryptedData;
export const id_messageDigest = lib.id_messageDigest;
export const id_signedData = lib.id_signedData;
export const id_signingTime = lib.id_signingTime;
