// SPDX-License-Identifier: MulanPSL-2.0
// GET /api/v1/workbench/todo: the caller's counts beside the menu (todo.h).
#pragma once

#include <memory>

#include "http/router.h"
#include "workbench/todo.h"

namespace amr::workbench {

void AddTodoRoutes(http::Router& router, std::shared_ptr<const TodoService> service);

}  // namespace amr::workbench
