// Runs the real App headless: an ImGui context with a built font atlas at
// 1280x800, whole frames, and a probe that finds buttons and fields by id.
// The pointer goes through platform::TouchInput, as SDL's events do in the
// app: a finger comes down where it is, with no hover before; keys and
// characters through ImGuiIO.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app.h"
#include "touch_input.h"
#include "ui/widgets.h"

namespace app::testing {

class UiHarness {
 public:
  explicit UiHarness(std::unique_ptr<core::store::Store> store) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60;
    ui::LoadFonts(24);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas
    ui::ApplyStyle(24);
    ui::SetProbe(&probe_);
    app_ = std::make_unique<App>(std::move(store));
  }
  ~UiHarness() {
    app_.reset();
    ui::SetProbe(nullptr);
    ImGui::DestroyContext(context_);
  }

  App& app() { return *app_; }
  ui::Probe& probe() { return probe_; }

  // One whole frame: input, draw, render, then the app's intents.
  void Frame() {
    probe_.rects.clear();
    touch_.NewFrame();
    app_->Frame();
    ImGui::Render();
    app_->AfterRender();
  }
  void Frames(int n) {
    for (int i = 0; i < n; ++i) Frame();
  }

  bool Has(const std::string& id) { return probe_.rects.contains(id); }
  platform::TouchInput& touch() { return touch_; }

  // Frames until the touch input has handed ImGui all it was given (and a
  // glide has ended).
  void Settle() {
    Frame();
    for (int i = 0; i < 600 && touch_.Busy(); ++i) Frame();
  }

  // Presses and releases the left button over the item `id` (a button,
  // field or checkbox drawn last frame). Fails the test if it is not there.
  void Click(const std::string& id) {
    Frames(2);  // new windows measure themselves first
    ASSERT_TRUE(Has(id)) << "nothing called '" << id << "' on screen";
    ImGuiIO& io = ImGui::GetIO();
    // Not wholly in view: wheel its window until it is, as a finger would scroll.
    auto in_view = [&] {
      const ImVec4 r = probe_.rects[id], w = probe_.windows[id];
      return probe_.visible[id] && r.y >= w.y && r.y + r.w <= w.y + w.w;
    };
    for (int i = 0; i < 60 && !in_view(); ++i) {
      const ImVec4 w = probe_.windows[id];
      touch_.Motion(w.x + w.z / 2, w.y + w.w / 2);
      io.MouseWheel = probe_.rects[id].y > w.y ? -1.0f : 1.0f;
      Frame();
    }
    ASSERT_TRUE(in_view()) << "'" << id << "' cannot be scrolled into view";
    Frame();  // settle: the rect is where it now shows
    Tap(Center(id));
  }

  // Clicks a text field and types into it.
  void TypeInto(const std::string& id, const std::string& text) {
    Click(id);
    for (char c : text) ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
    Frames(2);
  }

  // Presses keypad keys: "9,8" -> key_9, key_comma, key_8.
  void Keypad(const std::string& keys) {
    for (char c : keys) {
      Click(c == ',' ? "key_comma" : std::string("key_") + c);
    }
  }

  std::string Label(const std::string& id) { return probe_.labels[id]; }

  // The centre of the item `id` drawn last frame.
  ImVec2 Center(const std::string& id) {
    const ImVec4 r = probe_.rects[id];
    return ImVec2(r.x + r.z / 2, r.y + r.w / 2);
  }

  // A finger as SDL delivers it: down at `at` with no motion before it, up
  // in the next frame, then the pointer is gone.
  void Tap(ImVec2 at) {
    touch_.Press(at.x, at.y);
    Settle();
    touch_.Release(at.x, at.y, /*touch=*/true);
    Settle();
  }
  // A finger drags from `from` by `by`, in `steps` frames of motion, then
  // lifts (the content may glide on: Settle() waits for it).
  void Drag(ImVec2 from, ImVec2 by, int steps = 8) {
    touch_.Press(from.x, from.y);
    Settle();
    for (int i = 1; i <= steps; ++i) {
      touch_.Motion(from.x + by.x * i / steps, from.y + by.y * i / steps);
      Frame();
    }
    touch_.Release(from.x + by.x, from.y + by.y, /*touch=*/true);
    Frame();
  }
  // Taps the item `id` (drawn last frame) with a finger.
  void Tap(const std::string& id) {
    ASSERT_TRUE(Has(id)) << "nothing called '" << id << "' on screen";
    Tap(Center(id));
  }

 private:
  ImGuiContext* context_;
  ui::Probe probe_;
  platform::TouchInput touch_;
  std::unique_ptr<App> app_;
};

}  // namespace app::testing
