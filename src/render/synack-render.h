/* synack-render.h: the whole render layer (theme, layout, paint, export) in one include. */
#pragma once

#include "synack-theme.h"
#include "synack-diagram-layout.h"
#include "synack-diagram-paint.h"
#include "synack-diagram-overview.h"
#include "synack-export.h"
#include "synack-state-diagram-layout.h"
#include "synack-state-diagram-paint.h"
