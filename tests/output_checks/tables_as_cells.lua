-- A pandoc filter: each table becomes its caption and its cells' blocks, row by
-- row, so that pandoc's plain text does not lay the lines of one cell beside
-- another's (the cover's two columns), and the words come in report.txt's order.
function Table(t)
  local blocks = {}
  for _, b in ipairs(t.caption.long) do table.insert(blocks, b) end
  local function rows(rs)
    for _, row in ipairs(rs) do
      for _, cell in ipairs(row.cells) do
        for _, b in ipairs(cell.contents) do table.insert(blocks, b) end
      end
    end
  end
  rows(t.head.rows)
  for _, body in ipairs(t.bodies) do rows(body.head); rows(body.body) end
  rows(t.foot.rows)
  return blocks
end
