import { classifyOrganId, parseDocumentId } from './document-id.js';
import { isStrictDate } from './dates.js';
import { LIMITS, PRIORITY, STEERING_TYPE, BUSSINESS_DOC_TYPE, isStatusCode } from './constants.js';
import type { EdocHeader, Organization, StatusPackage } from './types.js';

export interface FieldProblem {
  path: string;
  message: string;
  /** Warnings never block writing (irregular but real agency codes exist). */
  severity?: 'warning';
}

function tooLong(problems: FieldProblem[], path: string, value: string | undefined, max: number) {
  if (value !== undefined && [...value].length > max)
    problems.push({ path, message: `longer than ${max} characters` });
}

function checkOrganization(problems: FieldProblem[], path: string, org: Organization) {
  if (!org.organId?.trim()) problems.push({ path: `${path}/OrganId`, message: 'required' });
  else if (classifyOrganId(org.organId) === 'irregular')
    problems.push({
      path: `${path}/OrganId`,
      message: `irregular agency identifier "${org.organId}"`,
      severity: 'warning',
    });
  tooLong(problems, `${path}/OrganId`, org.organId, LIMITS.organId);
  tooLong(problems, `${path}/OrganizationInCharge`, org.organizationInCharge, LIMITS.organizationInCharge);
  tooLong(problems, `${path}/OrganName`, org.organName, LIMITS.organName);
  tooLong(problems, `${path}/OrganAdd`, org.organAdd, LIMITS.organAdd);
  tooLong(problems, `${path}/Email`, org.email, LIMITS.email);
  tooLong(problems, `${path}/Telephone`, org.telephone, LIMITS.telephone);
  tooLong(problems, `${path}/Fax`, org.fax, LIMITS.fax);
}

/** Every rule a package must satisfy before vanthu writes it (strict side of §4). */
export function checkEdocHeader(h: EdocHeader): FieldProblem[] {
  const p: FieldProblem[] = [];
  const mh = 'MessageHeader';
  checkOrganization(p, `${mh}/From`, h.from);
  if (h.to.length === 0) p.push({ path: `${mh}/To`, message: 'at least one recipient is required' });
  const seen = new Set<string>();
  h.to.forEach((org, i) => {
    checkOrganization(p, `${mh}/To[${i + 1}]`, org);
    if (seen.has(org.organId))
      p.push({ path: `${mh}/To[${i + 1}]`, message: `duplicate recipient ${org.organId}` });
    seen.add(org.organId);
  });
  if (!h.codeNumber) p.push({ path: `${mh}/Code/CodeNumber`, message: 'required' });
  if (!h.codeNotation) p.push({ path: `${mh}/Code/CodeNotation`, message: 'required' });
  tooLong(p, `${mh}/Code/CodeNumber`, h.codeNumber, LIMITS.codeNumber);
  tooLong(p, `${mh}/Code/CodeNotation`, h.codeNotation, LIMITS.codeNotation);
  tooLong(p, `${mh}/PromulgationInfo/Place`, h.place, LIMITS.place);
  if (!isStrictDate(h.promulgationDate))
    p.push({ path: `${mh}/PromulgationInfo/PromulgationDate`, message: 'must be yyyy/MM/dd' });
  if (h.dueDate !== undefined && !isStrictDate(h.dueDate))
    p.push({ path: `${mh}/DueDate`, message: 'must be yyyy/MM/dd' });
  const id = parseDocumentId(h.documentId);
  if (!id) p.push({ path: `${mh}/DocumentId`, message: 'must be {OrganId},{yyyy/MM/dd},{số}/{ký hiệu}' });
  else if (id.oddDate) p.push({ path: `${mh}/DocumentId`, message: 'date must be yyyy/MM/dd' });
  else if (id.organId !== h.from.organId)
    p.push({ path: `${mh}/DocumentId`, message: 'must start with the sender OrganId' });
  if (!h.subject?.trim()) p.push({ path: `${mh}/Subject`, message: 'required' });
  tooLong(p, `${mh}/Subject`, h.subject, LIMITS.subject);
  tooLong(p, `${mh}/Content`, h.content, LIMITS.content);
  tooLong(p, `${mh}/DocumentType/TypeName`, h.documentType.typeName, LIMITS.typeName);
  h.toPlaces.forEach((pl, i) => {
    tooLong(p, `${mh}/ToPlaces/Place[${i + 1}]`, pl, LIMITS.toPlace);
  });
  tooLong(p, `${mh}/OtherInfo/SphereOfPromulgation`, h.sphereOfPromulgation, LIMITS.sphereOfPromulgation);
  tooLong(p, `${mh}/OtherInfo/TyperNotation`, h.typerNotation, LIMITS.typerNotation);
  if (!Object.hasOwn(PRIORITY, h.priority))
    p.push({ path: `${mh}/OtherInfo/Priority`, message: 'must be 0–4' });
  if (
    h.pageAmount !== undefined &&
    !(Number.isInteger(h.pageAmount) && h.pageAmount >= 0 && h.pageAmount <= 65535)
  )
    p.push({ path: `${mh}/OtherInfo/PageAmount`, message: 'must be 0–65535' });
  if (h.steeringType !== undefined && !Object.hasOwn(STEERING_TYPE, h.steeringType))
    p.push({ path: `${mh}/SteeringType`, message: 'must be 0–2' });
  const b = h.bussiness;
  if (!Object.hasOwn(BUSSINESS_DOC_TYPE, b.bussinessDocType))
    p.push({ path: 'TraceHeaderList/Bussiness/BussinessDocType', message: 'must be 0–3' });
  if (b.bussinessDocType !== 0 && !b.documentId)
    p.push({
      path: 'TraceHeaderList/Bussiness/DocumentId',
      message: 'recall, update and replacement name their target',
    });
  if (b.bussinessDocType === 1 && !b.bussinessDocReason?.trim())
    p.push({ path: 'TraceHeaderList/Bussiness/BussinessDocReason', message: 'a recall needs a reason' });
  if (b.bussinessDocType === 3 && !b.replacementInfoList?.length)
    p.push({
      path: 'TraceHeaderList/Bussiness/ReplacementInfoList',
      message: 'a replacement lists what it replaces',
    });
  return p;
}

export function checkStatus(s: StatusPackage): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (!isStatusCode(s.statusCode))
    p.push({ path: 'MessageStatus/StatusCode', message: 'unknown status code' });
  if (s.statusCode === '02' && !s.description?.trim())
    p.push({ path: 'MessageStatus/Description', message: 'status 02 (refused) requires a reason' });
  if (!s.responseFor.documentId)
    p.push({ path: 'MessageStatus/ResponseFor/DocumentId', message: 'required' });
  if (!s.responseFor.organId) p.push({ path: 'MessageStatus/ResponseFor/OrganId', message: 'required' });
  if (!s.from.organId) p.push({ path: 'MessageStatus/From/OrganId', message: 'required' });
  if (!/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/.test(s.timestamp))
    p.push({ path: 'MessageStatus/Timestamp', message: 'must be yyyy/MM/dd HH:mm:ss' });
  return p;
}
