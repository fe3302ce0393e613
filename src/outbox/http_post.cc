// SPDX-License-Identifier: MulanPSL-2.0
#include "outbox/http_post.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "outbox/rules.h"

namespace amr::outbox {
namespace {

constexpr size_t kMaxAnswerBytes = 64 * 1024;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t DropAnswer(char* /*data*/, size_t size, size_t n, void* seen) {
  size_t& total = *static_cast<size_t*>(seen);
  total += size * n;
  // Returning less than given makes libcurl stop: a receiver that sends
  // megabytes back gets cut off.
  return total > kMaxAnswerBytes ? 0 : size * n;
}

// What went wrong, in Chinese for the dead-letter list, with libcurl's own
// words after it.
std::string Describe(CURLcode code, const char* detail) {
  std::string what;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      what = "无法解析接收方主机名";
      break;
    case CURLE_COULDNT_CONNECT:
      what = "连接失败";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      what = "超时未答复";
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
      what = "接收方证书验证失败（不受信任或与主机名不符）";
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
      what = "TLS 握手失败";
      break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      what = "连接中断";
      break;
    default:
      what = "投递失败";
  }
  return what + "：" + (detail != nullptr && detail[0] != '\0' ? detail : curl_easy_strerror(code));
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

PostResult PostJson(const std::string& url,
                    const std::vector<std::pair<std::string, std::string>>& headers,
                    const std::string& body, std::chrono::milliseconds timeout,
                    const TlsOptions& tls) {
  if (Status s = ValidateEndpointUrl(url); !s.ok()) return {0, s.message()};
  GlobalInit();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return {0, "无法初始化 HTTP 客户端"};
  CURL* c = curl.get();
  curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
  for (const auto& [name, value] : headers) {
    list = curl_slist_append(list, (name + ": " + value).c_str());
  }
  std::unique_ptr<curl_slist, ListDeleter> header_list(list);
  size_t answer_bytes = 0;
  char error[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, DropAnswer);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer_bytes);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "OpenAMR-webhook/1");
  // Verification is libcurl's default; set it anyway so no build or
  // environment can turn it off.
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!tls.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, tls.ca_file.c_str());
  if (!tls.client_cert.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT, tls.client_cert.c_str());
    curl_easy_setopt(c, CURLOPT_SSLKEY, tls.client_key.c_str());
  }

  const CURLcode code = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && status > 0)) {
    return {0, Describe(code, error)};
  }
  return {static_cast<int>(status), ""};
}

}  // namespace amr::outbox
