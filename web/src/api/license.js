// SPDX-License-Identifier: MulanPSL-2.0
// The electronic business licence (src/license/routes.cc, docs/license.md).
import { del, download, get, post, request } from './client.js'

const enc = encodeURIComponent

// The verdict of every verification route:
// {valid, code, reason, key_id, entity_status, entity_status_name, license: payload|null}
export const verifyDocument = (document) => post('/licenses/verify', document)
export const verifyPrinted = (uscc, serial) => get('/licenses/verify', { uscc, serial })
export const verifyToken = (token) => get(`/licenses/verify/${enc(token)}`)

// Holder (administrator) or authorised agent.
export const getLicense = (uscc) => get(`/licenses/${enc(uscc)}`)
// The caller's own licences (as administrator, or as agent with tasks in force):
// {items: [{uscc, name, kind_name, status_name, role: admin|agent, tasks}]}
export const myLicenses = () => get('/licenses')
export const downloadLicensePdf = (uscc) => download(`/licenses/${enc(uscc)}/pdf`, {}, `${uscc}.pdf`)
// → {token, expires_at, ttl_seconds, url}
export const createQr = (uscc) => request('POST', `/licenses/${enc(uscc)}/qr`)
export const listAuthorizations = (uscc) => get(`/licenses/${enc(uscc)}/authorizations`)
// {agent_user_id | agent_citizen_id + agent_name, tasks: [...], valid_from, valid_until}
export const grantAuthorization = (uscc, body) => post(`/licenses/${enc(uscc)}/authorizations`, body)
export const revokeAuthorization = (uscc, id) => del(`/licenses/${enc(uscc)}/authorizations/${id}`)

export const TASKS = [
  { id: 'registration', name: '登记注册' },
  { id: 'change', name: '变更登记' },
  { id: 'annual_report', name: '年度报告' },
  { id: 'deregistration', name: '注销登记' },
  { id: 'tax', name: '税务办理' },
  { id: 'social_insurance', name: '社保办理' },
  { id: 'bank_account', name: '银行开户' },
  // Answering consumers' complaints as an ODR enterprise (docs/complaints.md).
  { id: 'consumer_disputes', name: '消费纠纷处理' },
]

export const AUTH_STATES = {
  pending: '未到期开始',
  active: '有效',
  expired: '已过期',
  revoked: '已撤销',
}

// Why a licence is not valid, in plain words (the server's own reason is
// shown beside it).
export const VERDICTS = {
  valid: '执照真实有效',
  bad_signature: '执照内容被改动过，或不是本平台签发的',
  unknown_key: '签发执照的密钥不是本平台的',
  malformed: '文件不是电子营业执照',
  no_such_license: '登记机关没有这份执照的记录',
  superseded: '这不是该主体现行有效的执照',
  entity_deregistered: '该市场主体已注销',
  entity_revoked: '该市场主体已被吊销营业执照',
}

const BEGIN = '%AMR-LICENSE-DOCUMENT-BEGIN'
const END = '%AMR-LICENSE-DOCUMENT-END'

// The signed document inside a licence file: a JSON file as it is, or the
// base64 lines a licence PDF carries between BEGIN and END after its end.
// Throws an Error with a Chinese message when there is none.
export async function documentFromFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const text = new TextDecoder('latin1').decode(bytes)
  if (text.startsWith('%PDF')) {
    const begin = text.lastIndexOf(BEGIN)
    const end = text.lastIndexOf(END)
    if (begin < 0 || end < begin) {
      throw new Error('这个 PDF 里没有电子营业执照数据，请上传本平台下载的执照 PDF 文件或执照数据文件')
    }
    const b64 = text
      .slice(begin + BEGIN.length, end)
      .split(/\r?\n/)
      .map((l) => l.replace(/^%/, '').trim())
      .join('')
    let json
    try {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      json = new TextDecoder('utf-8').decode(raw)
    } catch {
      throw new Error('PDF 中的执照数据已损坏')
    }
    return parseDocument(json)
  }
  return parseDocument(new TextDecoder('utf-8').decode(bytes))
}

function parseDocument(json) {
  let doc
  try {
    doc = JSON.parse(json)
  } catch {
    throw new Error('文件不是电子营业执照（无法读取其中的数据）')
  }
  if (!doc || typeof doc !== 'object' || !doc.payload) {
    throw new Error('文件不是电子营业执照（缺少执照内容）')
  }
  return doc
}
