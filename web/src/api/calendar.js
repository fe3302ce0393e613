// SPDX-License-Identifier: MulanPSL-2.0
// The working-day calendar (src/calendar): entered years, the provisional
// year, an administrator's entry of a year, and deadlines a change moved.
import { get, put } from './client.js'

// → {years: [{year, version, source, notice, holidays, makeup_workdays, …}],
//    first_year, last_year, provisional_year, provisional_reason, today, reminder}
export const calendarYears = () => get('/calendar/years')
// → {year, provisional, days: [{date, kind, name}], …}
export const calendarYear = (year) => get(`/calendar/years/${year}`)
export const calendarVersions = (year) => get(`/calendar/years/${year}/versions`)
// body: {notice, replace, days: [{date, kind: 'holiday'|'makeup_workday', name}]}
export const enterCalendarYear = (year, body) => put(`/calendar/years/${year}`, body)
// → {items: [{kind, subject, label, due: {due, provisional}, previous_due_on, moved_at}]}
export const movedDeadlines = (since) => get('/calendar/moved-deadlines', { since })
