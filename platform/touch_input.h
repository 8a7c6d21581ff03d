// Touch for Dear ImGui 1.86, without SDL: the window feeds it SDL's pointer
// events, the headless UI tests feed it the same calls, and both start each
// frame with TouchInput::NewFrame().
//
// A finger is not a mouse. SDL delivers a tap as a press at a new position
// with no motion before it (often with its release in the same batch of
// events), while ImGui wants the pointer over an item for a frame before the
// press (hover, then click: a Selectable with AllowItemOverlap ignores a press
// while another item was hovered the frame before) and a press and a release
// in frames of their own. 1.86 has no input queue (AddMousePosEvent is
// 1.87), so this one keeps the pointer's steps and hands ImGui one a frame: a
// press at a new position first moves the pointer there for a frame. After a
// finger lifts, the pointer leaves the screen: nothing stays hovered.
//
// A drag further than kDragSlop turns into scrolling the window under the
// finger (or the nearest scrollable one holding it): ImGui then sees the
// button released away from everything, so a drag never presses a button.
// After the finger lifts the content glides on and slows down (momentum),
// and a touch stops the glide without pressing what is under it.
#pragma once

#include <imgui.h>

#include <deque>

namespace platform {

class TouchInput {
 public:
  // A drag shorter than this (pixels) is still a tap.
  static constexpr float kDragSlop = 10.0f;
  // The glide loses speed with this time constant (seconds), and stops
  // under kStopSpeed (pixels a second).
  static constexpr float kGlideTimeConstant = 0.325f;
  static constexpr float kStopSpeed = 40.0f;

  // The pointer's events as the window system delivers them (window pixels).
  // `touch`: the event comes from a finger, not a mouse.
  void Motion(float x, float y);
  void Press(float x, float y);
  void Release(float x, float y, bool touch);

  // ImGui::NewFrame() with the next pointer step in io.MousePos and
  // io.MouseDown[0] (overriding whatever a backend put there), then the
  // scrolling of a drag or a glide.
  void NewFrame();

  // True while queued steps or a glide need frames without new input.
  bool Busy() const { return !queue_.empty() || gliding_; }
  // True while a drag scrolls (for tests).
  bool dragging() const { return dragging_; }

 private:
  struct Step {
    ImVec2 pos;
    bool down = false;
    bool button = false;  // a press or release: never merged with motion
  };
  void Queue(Step step);

  std::deque<Step> queue_;
  Step tail_{ImVec2(-FLT_MAX, -FLT_MAX)};     // where the queue leaves the pointer
  Step current_{ImVec2(-FLT_MAX, -FLT_MAX)};  // the step ImGui saw last
  // The gesture under way.
  ImVec2 press_pos_, last_pos_;
  bool pick_window_ = false;  // find the window to scroll after NewFrame
  bool dragging_ = false;
  bool swallowed_ = false;  // this touch stopped a glide: ImGui never sees it
  ImGuiID scroll_window_ = 0;
  float velocity_ = 0;  // scroll pixels a second, + = down the content
  bool gliding_ = false;
};

}  // namespace platform
