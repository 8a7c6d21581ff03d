// tumbuh: the tablet app. main() only wires the platform window to the app.
#include <cstdio>
#include <string>

#include <imgui.h>

#include "window.h"

int main(int, char**) {
  std::string error;
  auto window = platform::Window::Open({}, &error);
  if (!window) {
    std::fprintf(stderr, "tumbuh: %s\n", error.c_str());
    return 1;
  }
  bool open = true;
  while (open) {
    open = window->PumpEvents(/*wait=*/true, 500);
    window->BeginFrame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Tumbuh", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::TextUnformatted("Tumbuh");
    ImGui::End();
    window->EndFrame();
  }
  return 0;
}
