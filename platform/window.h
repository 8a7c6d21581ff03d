// The only place that knows SDL2 and OpenGL: the window, the GL context, the
// Dear ImGui platform/renderer backends, DPI, text input and screenshots.
#pragma once

#include <memory>
#include <string>

namespace platform {

struct WindowOptions {
  std::string title = "Tumbuh";
  int width = 1280;  // the field tablets' screen
  int height = 800;
};

class Window {
 public:
  // Opens the window and an ImGui context with its backends. nullptr and
  // `error` set when there is no display or no OpenGL 3.
  static std::unique_ptr<Window> Open(const WindowOptions& options, std::string* error);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Handles pending input. With `wait`, sleeps until an event arrives (or
  // `timeout_ms` passes; a negative timeout waits for input only) so an idle
  // app uses no CPU. False once the user closes the window.
  bool PumpEvents(bool wait, int timeout_ms);
  // True while input already taken needs more frames (a tap is handed to
  // ImGui over several frames, a scroll glides on): the loop must not wait.
  bool InputPending() const;
  // True when the last PumpEvents took at least one event (else it woke
  // for its timeout, or found nothing).
  bool GotEvents() const;
  // True once after the app went out of the user's sight since the last
  // call: the window lost focus, was minimised or hidden, or the system is
  // putting the app in the background (SDL_APP_WILLENTERBACKGROUND). The app
  // locks itself then.
  bool TakeBackground();
  void BeginFrame();
  // Renders and presents the frame. With `png_path`, also writes what it drew
  // to that PNG file (read from the back buffer before the swap); false when
  // the file could not be written.
  bool EndFrame(const std::string* png_path = nullptr);
  // Re-uploads the font atlas after the app rebuilt its fonts (text size).
  void ReloadFontTexture();
  // Content scale of the display (1.0 on a 96 dpi screen).
  float dpi_scale() const { return dpi_scale_; }

 private:
  Window() = default;
  struct Impl;
  Impl* impl_ = nullptr;
  float dpi_scale_ = 1.0f;
};

// The folder where the app keeps its database (SDL's pref path), with a
// trailing slash; "" when it cannot be had.
std::string UserDataFolder();

}  // namespace platform
