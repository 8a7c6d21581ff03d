#include "touch_input.h"

#include <imgui_internal.h>  // the hovered window, SetScrollY, scrollbar ids

#include <algorithm>
#include <cmath>

namespace platform {

namespace {

const ImVec2 kAway(-FLT_MAX, -FLT_MAX);  // no pointer on the screen

bool Same(const ImVec2& a, const ImVec2& b) {
  return a.x == b.x && a.y == b.y;
}

// The window under the pointer that can scroll vertically: the hovered one
// or the nearest of its parents that can; nullptr when none can.
ImGuiWindow* ScrollableUnderPointer() {
  ImGuiWindow* w = GImGui->HoveredWindow;
  while (w != nullptr && w->ScrollMax.y <= 0 && (w->Flags & ImGuiWindowFlags_ChildWindow)) {
    w = w->ParentWindow;
  }
  return w != nullptr && w->ScrollMax.y > 0 ? w : nullptr;
}

}  // namespace

void TouchInput::Queue(Step step) {
  queue_.push_back(step);
  tail_ = step;
}

void TouchInput::Motion(float x, float y) {
  const ImVec2 pos(x, y);
  if (!queue_.empty() && !queue_.back().button) {
    queue_.back().pos = pos;  // motions between frames: the last one counts
    tail_.pos = pos;
    return;
  }
  Queue({pos, tail_.down, false});
}

void TouchInput::Press(float x, float y) {
  // Hover, then click: a press at a new position first moves there, a frame
  // of its own.
  if (!Same(tail_.pos, ImVec2(x, y))) Motion(x, y);
  Queue({ImVec2(x, y), true, true});
}

void TouchInput::Release(float x, float y, bool touch) {
  if (!Same(tail_.pos, ImVec2(x, y))) Motion(x, y);
  Queue({ImVec2(x, y), false, true});
  if (touch) Queue({kAway, false, true});  // a lifted finger hovers nothing
}

void TouchInput::NewFrame() {
  ImGuiIO& io = ImGui::GetIO();
  const float dt = std::max(io.DeltaTime, 1.0f / 240);
  const bool was_down = current_.down;
  if (!queue_.empty()) {
    current_ = queue_.front();
    queue_.pop_front();
  }
  const Step& step = current_;
  float scroll_by = 0;  // content pixels to scroll this frame (+ = further down)
  bool hide = dragging_ || swallowed_;
  if (step.down && !was_down) {  // a finger comes down
    swallowed_ = gliding_;       // it stops a glide, and presses nothing
    gliding_ = false;
    dragging_ = false;
    velocity_ = 0;
    press_pos_ = last_pos_ = step.pos;
    pick_window_ = true;
    hide = swallowed_;
  } else if (step.down) {
    const float dy = step.pos.y - last_pos_.y;
    last_pos_ = step.pos;
    if (!dragging_) {
      const float dx = step.pos.x - press_pos_.x, from_press = step.pos.y - press_pos_.y;
      ImGuiWindow* w = ImGui::FindWindowByID(scroll_window_);
      const ImGuiID active = ImGui::GetActiveID();
      const bool on_scrollbar = w != nullptr && active != 0 &&
                                (active == ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y) ||
                                 active == ImGui::GetWindowScrollbarID(w, ImGuiAxis_X));
      if (!on_scrollbar && dx * dx + from_press * from_press > kDragSlop * kDragSlop) {
        dragging_ = true;  // from now on ImGui sees the button let go, away
        hide = true;
        scroll_by = -from_press;
      }
    } else {
      scroll_by = -dy;
      velocity_ = 0.6f * (scroll_by / dt) + 0.4f * velocity_;
    }
  } else if (was_down) {  // the finger lifts
    gliding_ = dragging_ && scroll_window_ != 0 && std::fabs(velocity_) > kStopSpeed;
    dragging_ = false;
    swallowed_ = false;
  }
  io.MousePos = hide ? kAway : step.pos;
  io.MouseDown[0] = hide ? false : step.down;

  ImGui::NewFrame();

  if (pick_window_) {
    pick_window_ = false;
    ImGuiWindow* w = ScrollableUnderPointer();
    scroll_window_ = w != nullptr ? w->ID : 0;
  }
  ImGuiWindow* w = scroll_window_ != 0 ? ImGui::FindWindowByID(scroll_window_) : nullptr;
  if (w == nullptr) {
    gliding_ = false;
    return;
  }
  if (dragging_ && scroll_by != 0) {
    ImGui::SetScrollY(w, std::clamp(w->Scroll.y + scroll_by, 0.0f, w->ScrollMax.y));
  } else if (gliding_) {
    const float next = w->Scroll.y + velocity_ * dt;
    ImGui::SetScrollY(w, std::clamp(next, 0.0f, w->ScrollMax.y));
    velocity_ *= std::exp(-dt / kGlideTimeConstant);
    if (std::fabs(velocity_) < kStopSpeed || next <= 0 || next >= w->ScrollMax.y) {
      gliding_ = false;
    }
  }
}

}  // namespace platform
