#include "reconcile_batch.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "arguments.hpp"

namespace recur::cli {
namespace {

// Lines of a stream, each cut off (and flagged) past a byte limit without reading the rest
// into memory.
class line_reader {
 public:
  line_reader(std::istream& in, std::size_t max_bytes) : in_(in), max_bytes_(max_bytes) {}

  // The next line without its '\n' (and '\r'); false at the end of the input.
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    for (;;) {
      if (pos_ == end_ && !refill()) return any;
      any = true;
      const char* start = buffer_ + pos_;
      const char* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      const std::size_t n = newline ? static_cast<std::size_t>(newline - start) : end_ - pos_;
      if (!too_long && line.size() + n <= max_bytes_) line.append(start, n);
      else too_long = true, line.clear();
      pos_ += n + (newline ? 1 : 0);
      if (newline) break;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

 private:
  bool refill() {
    in_.read(buffer_, sizeof buffer_);
    pos_ = 0;
    end_ = static_cast<std::size_t>(in_.gcount());
    return end_ > 0;
  }

  std::istream& in_;
  const std::size_t max_bytes_;
  char buffer_[1 << 16];
  std::size_t pos_ = 0, end_ = 0;
};

struct job {
  std::size_t number = 0;  // 1-based line number
  std::string text;        // the request, or empty when the line was too long
  bool too_long = false;
  api::reconcile_answer answer;
  bool done = false;
};

// The answer to one line, "line" first.
api::reconcile_answer answer_line(const job& j, const batch_options& o) {
  api::reconcile_answer answer;
  try {
    if (j.too_long)
      answer.json = "{\"location\":null,\"error\":{\"code\":\"limit_exceeded\",\"message\":\"the line is longer than " +
                    std::to_string(o.max_line_bytes) + " bytes (--max-line-bytes)\"}}";
    else answer = api::reconcile_json(j.text, o.request);
  } catch (const std::exception& e) {  // out of memory: this line fails, the others go on
    answer = {"{\"location\":null,\"error\":{\"code\":\"internal\",\"message\":\"" + std::string(e.what()) + "\"}}",
              api::answer_status::error};
  }
  answer.json = "{\"line\":" + std::to_string(j.number) + "," + answer.json.substr(1);
  return answer;
}

// A fixed pool answering jobs; the caller writes the answers in order as they complete.
class ordered_pool {
 public:
  explicit ordered_pool(const batch_options& o) : options_(o) {
    for (std::size_t i = 0; i < o.jobs; ++i) workers_.emplace_back([this] { work(); });
  }
  ~ordered_pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  void submit(job* j) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      todo_.push(j);
    }
    work_ready_.notify_one();
  }

  void wait_done(const job& j) {
    std::unique_lock<std::mutex> lock(mutex_);
    job_done_.wait(lock, [&j] { return j.done; });
  }

 private:
  void work() {
    for (;;) {
      job* j = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_ready_.wait(lock, [this] { return stopping_ || !todo_.empty(); });
        if (todo_.empty()) return;
        j = todo_.front();
        todo_.pop();
      }
      api::reconcile_answer answer = answer_line(*j, options_);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        j->answer = std::move(answer);
        j->done = true;
      }
      job_done_.notify_all();
    }
  }

  const batch_options& options_;
  std::mutex mutex_;
  std::condition_variable work_ready_, job_done_;
  std::queue<job*> todo_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

int exit_code_of(api::answer_status s) {
  return s == api::answer_status::clean ? exit_ok : s == api::answer_status::attention ? exit_discrepancy : exit_usage;
}

}  // namespace

int run_reconcile_batch(std::istream& in, std::ostream& out, const batch_options& options) {
  // Declared before the pool, so that on any exit the pool finishes its jobs (and joins) while
  // the jobs it points into still exist. A deque: pushing keeps the addresses workers hold.
  std::deque<job> in_flight;
  ordered_pool pool(options);
  const std::size_t window = 4 * options.jobs;
  int code = exit_ok;
  const auto write_oldest = [&] {
    pool.wait_done(in_flight.front());
    out << in_flight.front().answer.json << '\n';
    code = std::max(code, exit_code_of(in_flight.front().answer.status));
    in_flight.pop_front();
  };
  line_reader reader(in, options.max_line_bytes);
  job next;
  for (std::size_t number = 1; reader.next(next.text, next.too_long); ++number) {
    if (in_flight.size() == window) write_oldest();
    next.number = number;
    in_flight.push_back(std::move(next));
    pool.submit(&in_flight.back());
    next = job{};
  }
  while (!in_flight.empty()) write_oldest();
  out.flush();
  return code;
}

}  // namespace recur::cli
