// Window: SDL2 + OpenGL3 through Dear ImGui 1.86's backends.
#include "window.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <vector>

#include "touch_input.h"

namespace platform {

struct Window::Impl {
  SDL_Window* window = nullptr;
  TouchInput touch;  // the pointer for ImGui: SDL's mouse and finger events
  SDL_GLContext gl = nullptr;
  bool text_input_on = false;
  bool went_background = false;
  bool got_events = false;  // the last PumpEvents took one
};

std::unique_ptr<Window> Window::Open(const WindowOptions& options, std::string* error) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    *error = std::string("SDL_Init: ") + SDL_GetError();
    return nullptr;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");  // a finger acts as the mouse
  auto impl = new Impl;
  impl->window = SDL_CreateWindow(
      options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
      options.height, SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (impl->window == nullptr || (impl->gl = SDL_GL_CreateContext(impl->window)) == nullptr) {
    *error = std::string("cannot open a window: ") + SDL_GetError();
    if (impl->window) SDL_DestroyWindow(impl->window);
    delete impl;
    SDL_Quit();
    return nullptr;
  }
  SDL_GL_MakeCurrent(impl->window, impl->gl);
  SDL_GL_SetSwapInterval(1);

  std::unique_ptr<Window> w(new Window);
  w->impl_ = impl;
  float ddpi = 0;
  if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(impl->window), &ddpi, nullptr, nullptr) == 0 &&
      ddpi > 0) {
    w->dpi_scale_ = ddpi / 96.0f;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout is fixed; nothing to remember
  ImGui_ImplSDL2_InitForOpenGL(impl->window, impl->gl);
  ImGui_ImplOpenGL3_Init("#version 150");
  return w;
}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(impl_->gl);
  SDL_DestroyWindow(impl_->window);
  SDL_Quit();
  delete impl_;
}

bool Window::PumpEvents(bool wait, int timeout_ms) {
  SDL_Event event;
  bool open = true;
  bool have = !wait            ? SDL_PollEvent(&event) != 0
              : timeout_ms < 0 ? SDL_WaitEvent(&event) != 0
                               : SDL_WaitEventTimeout(&event, timeout_ms) != 0;
  impl_->got_events = have;
  while (have) {
    ImGui_ImplSDL2_ProcessEvent(&event);  // keys, text, wheel; the pointer is TouchInput's
    if (event.type == SDL_MOUSEMOTION) {
      impl_->touch.Motion(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
    } else if ((event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) &&
               event.button.button == SDL_BUTTON_LEFT) {
      const float x = static_cast<float>(event.button.x), y = static_cast<float>(event.button.y);
      if (event.type == SDL_MOUSEBUTTONDOWN) {
        impl_->touch.Press(x, y);
      } else {
        impl_->touch.Release(x, y, /*touch=*/event.button.which == SDL_TOUCH_MOUSEID);
      }
    }
    if (event.type == SDL_APP_WILLENTERBACKGROUND ||
        (event.type == SDL_WINDOWEVENT && (event.window.event == SDL_WINDOWEVENT_FOCUS_LOST ||
                                           event.window.event == SDL_WINDOWEVENT_MINIMIZED ||
                                           event.window.event == SDL_WINDOWEVENT_HIDDEN))) {
      impl_->went_background = true;
    }
    if (event.type == SDL_QUIT ||
        (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
         event.window.windowID == SDL_GetWindowID(impl_->window))) {
      open = false;
    }
    have = SDL_PollEvent(&event) != 0;
  }
  // 1.86's SDL backend does not raise the on-screen keyboard: do it here.
  const bool want_text = ImGui::GetIO().WantTextInput;
  if (want_text != impl_->text_input_on) {
    want_text ? SDL_StartTextInput() : SDL_StopTextInput();
    impl_->text_input_on = want_text;
  }
  return open;
}

bool Window::GotEvents() const {
  return impl_->got_events;
}

bool Window::InputPending() const {
  return impl_->touch.Busy();
}

bool Window::TakeBackground() {
  const bool went = impl_->went_background;
  impl_->went_background = false;
  return went;
}

void Window::BeginFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  impl_->touch.NewFrame();  // ImGui::NewFrame() with the pointer's next step
}

bool Window::EndFrame(const std::string* png_path) {
  ImGui::Render();
  const ImGuiIO& io = ImGui::GetIO();
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  glClearColor(0.96f, 0.96f, 0.94f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  bool saved = true;
  if (png_path != nullptr) {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(impl_->window, &w, &h);
    std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 4);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);  // GL rows start at the bottom
    saved = stbi_write_png(png_path->c_str(), w, h, 4, pixels.data(), w * 4) != 0;
  }
  SDL_GL_SwapWindow(impl_->window);
  return saved;
}

void Window::ReloadFontTexture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

std::string UserDataFolder() {
  char* path = SDL_GetPrefPath("Tumbuh", "tumbuh");
  if (path == nullptr) return "";
  std::string folder = path;
  SDL_free(path);
  return folder;
}

}  // namespace platform
