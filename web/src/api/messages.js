// SPDX-License-Identifier: MulanPSL-2.0
// 消息中心: the logged-in user's own messages (src/messages/routes.h).
import { get, post } from './client.js'

// {total, unread_count, limit, offset, items: [{id, kind, title, body, link, created_at, read_at, unread}]}
export const myMessages = (query) => get('/messages', query)
export const markRead = (id) => post(`/messages/${id}/read`, {})
export const markAllRead = () => post('/messages/read-all', {})
