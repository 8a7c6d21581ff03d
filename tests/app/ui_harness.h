// Runs the real App headless: an ImGui context with a built font atlas at
// 1280x800, mouse and keyboard events fed through ImGuiIO, whole frames, and a
// probe that finds buttons and fields by id.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app.h"
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
    ImGui::NewFrame();
    app_->Frame();
    ImGui::Render();
    app_->AfterRender();
  }
  void Frames(int n) {
    for (int i = 0; i < n; ++i) Frame();
  }

  bool Has(const std::string& id) { return probe_.rects.contains(id); }

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
      io.MousePos = ImVec2(w.x + w.z / 2, w.y + w.w / 2);
      io.MouseWheel = probe_.rects[id].y > w.y ? -1.0f : 1.0f;
      Frame();
    }
    ASSERT_TRUE(in_view()) << "'" << id << "' cannot be scrolled into view";
    Frame();  // settle: the rect is where it now shows
    const ImVec4 r = probe_.rects[id];
    io.MousePos = ImVec2(r.x + r.z / 2, r.y + r.w / 2);
    Frame();
    io.MouseDown[0] = true;
    Frame();
    io.MouseDown[0] = false;
    Frame();
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

 private:
  ImGuiContext* context_;
  ui::Probe probe_;
  std::unique_ptr<App> app_;
};

}  // namespace app::testing
