// SPDX-License-Identifier: MulanPSL-2.0
// The webhook client against a real TLS receiver on 127.0.0.1, with
// certificates made for each test: deliveries go over HTTPS only to a
// receiver whose certificate verifies and names the host, and present a
// client certificate when one is configured.
#include "outbox/http_post.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

namespace amr::outbox {
namespace {

struct Pem {
  std::string cert;
  std::string key;
};

// A self-signed EC certificate for `san` ("DNS:localhost,IP:127.0.0.1").
Pem MakeCertificate(const std::string& cn, const std::string& san) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 3600);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair<int, std::string>{NID_subject_alt_name, san},
                            {NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(x, key, EVP_sha256());
  auto to_pem = [](auto write) {
    BIO* bio = BIO_new(BIO_s_mem());
    write(bio);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<size_t>(n));
    BIO_free(bio);
    return out;
  };
  Pem pem{to_pem([&](BIO* b) { PEM_write_bio_X509(b, x); }), to_pem([&](BIO* b) {
            PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr);
          })};
  X509_free(x);
  EVP_PKEY_free(key);
  return pem;
}

class TempFiles {
 public:
  TempFiles() {
    dir_ = std::filesystem::temp_directory_path() /
           ("amr-tls-" + std::to_string(::getpid()) + "-" + std::to_string(++counter_));
    std::filesystem::create_directories(dir_);
  }
  ~TempFiles() { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::filesystem::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

 private:
  static inline std::atomic<int> counter_{0};
  std::filesystem::path dir_;
};

// Answers 204 to each request of each connection it accepts, one at a time.
class TlsReceiver {
 public:
  TlsReceiver(const Pem& server, const std::string& client_ca_file)
      : ssl_(asio::ssl::context::tls_server),
        acceptor_(io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    ssl_.use_certificate_chain(asio::buffer(server.cert));
    ssl_.use_private_key(asio::buffer(server.key), asio::ssl::context::pem);
    if (!client_ca_file.empty()) {
      ssl_.load_verify_file(client_ca_file);
      ssl_.set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
    }
    thread_ = std::thread([this] { Serve(); });
  }
  ~TlsReceiver() {
    stopping_ = true;
    asio::io_context io;
    asio::ip::tcp::socket wake(io);
    asio::error_code ec;
    wake.connect(acceptor_.local_endpoint(), ec);  // unblocks accept()
    thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  int served() const { return served_; }

 private:
  void Serve() {
    while (!stopping_) {
      asio::ssl::stream<asio::ip::tcp::socket> stream(io_, ssl_);
      asio::error_code ec;
      acceptor_.accept(stream.lowest_layer(), ec);
      if (ec || stopping_) continue;
      stream.handshake(asio::ssl::stream_base::server, ec);
      if (ec) continue;  // the client refused our certificate, or we its
      asio::streambuf in;
      asio::read_until(stream, in, "\r\n\r\n", ec);
      if (ec) continue;
      std::string head(asio::buffers_begin(in.data()), asio::buffers_end(in.data()));
      // Counted before answering, so a client that has its answer sees the count.
      if (head.starts_with("POST /hook ")) ++served_;
      const std::string reply = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
      asio::write(stream, asio::buffer(reply), ec);
      stream.shutdown(ec);
    }
  }

  asio::io_context io_;
  asio::ssl::context ssl_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> served_{0};
  std::thread thread_;
};

const std::vector<std::pair<std::string, std::string>> kHeaders = {{"X-AMR-Event-Id", "1"}};
constexpr std::chrono::milliseconds kTimeout{10'000};

TEST(HttpPostTest, DeliversOverHttpsToAReceiverWhoseCertificateVerifies) {
  TempFiles files;
  const Pem server = MakeCertificate("localhost", "DNS:localhost,IP:127.0.0.1");
  TlsReceiver receiver(server, "");
  TlsOptions tls;
  tls.ca_file = files.Write("ca.pem", server.cert);
  const std::string url = "https://localhost:" + std::to_string(receiver.port()) + "/hook";
  PostResult r = PostJson(url, kHeaders, R"({"a":1})", kTimeout, tls);
  EXPECT_EQ(r.http_status, 204) << r.error;
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(receiver.served(), 1);
}

TEST(HttpPostTest, RefusesAReceiverWhoseCertificateDoesNotVerify) {
  TempFiles files;
  const Pem server = MakeCertificate("localhost", "DNS:localhost,IP:127.0.0.1");
  TlsReceiver receiver(server, "");
  const std::string url = "https://localhost:" + std::to_string(receiver.port()) + "/hook";
  // Not in the system's trust store: nothing is sent.
  PostResult unknown = PostJson(url, kHeaders, R"({"a":1})", kTimeout);
  EXPECT_EQ(unknown.http_status, 0);
  EXPECT_NE(unknown.error, "");
  // Trusted, but made out to another name.
  const Pem other = MakeCertificate("tax.example.gov.cn", "DNS:tax.example.gov.cn");
  TlsReceiver impostor(other, "");
  TlsOptions tls;
  tls.ca_file = files.Write("other.pem", other.cert);
  PostResult wrong_name = PostJson("https://localhost:" + std::to_string(impostor.port()) + "/hook",
                                   kHeaders, "{}", kTimeout, tls);
  EXPECT_EQ(wrong_name.http_status, 0);
  EXPECT_NE(wrong_name.error, "");
  EXPECT_EQ(receiver.served() + impostor.served(), 0);
}

TEST(HttpPostTest, PresentsTheClientCertificateWhenConfigured) {
  TempFiles files;
  const Pem server = MakeCertificate("localhost", "DNS:localhost,IP:127.0.0.1");
  const Pem client = MakeCertificate("openamr-platform", "DNS:openamr.example");
  TlsReceiver receiver(server, files.Write("client-ca.pem", client.cert));
  const std::string url = "https://127.0.0.1:" + std::to_string(receiver.port()) + "/hook";
  TlsOptions without;
  without.ca_file = files.Write("ca.pem", server.cert);
  EXPECT_EQ(PostJson(url, kHeaders, "{}", kTimeout, without).http_status, 0);
  TlsOptions with = without;
  with.client_cert = files.Write("client.pem", client.cert);
  with.client_key = files.Write("client.key", client.key);
  PostResult r = PostJson(url, kHeaders, "{}", kTimeout, with);
  EXPECT_EQ(r.http_status, 204) << r.error;
  EXPECT_EQ(receiver.served(), 1);
}

TEST(HttpPostTest, PlainHttpOnlyToThisMachine) {
  // Refused before any connection is made.
  PostResult r = PostJson("http://tax.example.gov.cn/hook", kHeaders, "{}", kTimeout);
  EXPECT_EQ(r.http_status, 0);
  EXPECT_NE(r.error.find("https://"), std::string::npos) << r.error;
  EXPECT_EQ(PostJson("ftp://127.0.0.1/x", kHeaders, "{}", kTimeout).http_status, 0);
}

}  // namespace
}  // namespace amr::outbox
