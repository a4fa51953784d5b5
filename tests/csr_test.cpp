// graph::Csr (graph/csr.hpp): built from edges in any order, each vertex's neighbours come out sorted and without
// repeats, and the reverse holds every edge the other way round.
#include "graph/csr.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

namespace tenantreach::graph {
namespace {

std::vector<std::uint32_t> neighbours_of(const Csr& csr, std::uint32_t vertex) {
  const auto span = csr.neighbours(vertex);
  return {span.begin(), span.end()};
}

TEST(Csr, FromEdgesSortsEachVertexsNeighboursAndDropsRepeats) {
  const Csr csr = Csr::from_edges(5, {{3, 1}, {0, 4}, {3, 0}, {0, 2}, {3, 1}, {0, 4}, {4, 4}});
  EXPECT_EQ(csr.vertex_count(), 5u);
  EXPECT_EQ(neighbours_of(csr, 0), (std::vector<std::uint32_t>{2, 4}));
  EXPECT_TRUE(neighbours_of(csr, 1).empty());
  EXPECT_TRUE(neighbours_of(csr, 2).empty());
  EXPECT_EQ(neighbours_of(csr, 3), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(neighbours_of(csr, 4), (std::vector<std::uint32_t>{4}));
  EXPECT_EQ(csr.targets.size(), 5u);
}

TEST(Csr, NoVerticesNoEdges) {
  const Csr csr = Csr::from_edges(0, {});
  EXPECT_EQ(csr.vertex_count(), 0u);
  EXPECT_TRUE(csr.targets.empty());
}

// Against a set of the edges, on a graph large enough to split into many parallel blocks, with hubs.
TEST(Csr, AgreesWithASetOfItsEdgesAndSoDoesItsReverse) {
  std::mt19937 random(7);
  const std::uint32_t n = 20'000;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  for (int i = 0; i < 200'000; ++i) {
    const std::uint32_t from = random() % 3 == 0 ? random() % 8 : random() % n;  // a third from 8 hubs
    edges.emplace_back(from, static_cast<std::uint32_t>(random() % n));
  }
  const std::set<std::pair<std::uint32_t, std::uint32_t>> expected(edges.begin(), edges.end());
  const Csr csr = Csr::from_edges(n, edges);
  const Csr reverse = csr.reversed();
  std::set<std::pair<std::uint32_t, std::uint32_t>> got, got_reversed;
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto out = neighbours_of(csr, v);
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end()));
    EXPECT_EQ(std::adjacent_find(out.begin(), out.end()), out.end());
    for (std::uint32_t w : out) got.emplace(v, w);
    for (std::uint32_t w : neighbours_of(reverse, v)) got_reversed.emplace(w, v);
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got_reversed, expected);
  EXPECT_EQ(csr.targets.size(), expected.size());
}

}  // namespace
}  // namespace tenantreach::graph
