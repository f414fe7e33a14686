/* synack-test-long-run.h: a scenario whose run takes seconds (100,000 connections), for tests that stop one early. */
#pragma once

#define SYNACK_TEST_LONG_RUN \
  "title = Very many connections\n" \
  "event-limit = 20000000\n" \
  "at 0 server listen 80\n" \
  "at 0 client connect 80 repeat 100000 every 1ms\n" \
  "when client established: client send 1000\n" \
  "when server received 1000: server close\n" \
  "when client eof: client close\n"
