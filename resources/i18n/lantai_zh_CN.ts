<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Next item</source>
        <translation>下一件</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>上一件</translation>
    </message>
    <message>
        <source>Next item (in the item list)</source>
        <translation>下一件（在文件列表中）</translation>
    </message>
    <message>
        <source>Previous item (in the item list)</source>
        <translation>上一件（在文件列表中）</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit page width</source>
        <translation>适合页宽</translation>
    </message>
    <message>
        <source>Go to the description form</source>
        <translation>转到著录表单</translation>
    </message>
    <message>
        <source>Go to the item list</source>
        <translation>转到文件列表</translation>
    </message>
    <message>
        <source>Go to the page</source>
        <translation>转到页面</translation>
    </message>
    <message>
        <source>Go to the page thumbnails (select pages)</source>
        <translation>转到页面缩略图（选择页面）</translation>
    </message>
    <message>
        <source>Commit the item</source>
        <translation>提交本件</translation>
    </message>
    <message>
        <source>Accept the suggestion for this field</source>
        <translation>采用本字段的建议值</translation>
    </message>
    <message>
        <source>Accept all suggestions</source>
        <translation>采用全部建议值</translation>
    </message>
    <message>
        <source>Undo the last page operation</source>
        <translation>撤销上一次页面操作</translation>
    </message>
    <message>
        <source>Redo the page operation</source>
        <translation>重做页面操作</translation>
    </message>
    <message>
        <source>Move the selected pages earlier</source>
        <translation>所选页面前移</translation>
    </message>
    <message>
        <source>Move the selected pages later</source>
        <translation>所选页面后移</translation>
    </message>
    <message>
        <source>Turn the selected pages clockwise</source>
        <translation>所选页面顺时针旋转</translation>
    </message>
    <message>
        <source>Turn the selected pages anticlockwise</source>
        <translation>所选页面逆时针旋转</translation>
    </message>
    <message>
        <source>Move the selected pages to the bin</source>
        <translation>将所选页面移入回收站</translation>
    </message>
    <message>
        <source>Show the bin (restore pages)</source>
        <translation>查看回收站（恢复页面）</translation>
    </message>
    <message>
        <source>Keep the selected blank pages</source>
        <translation>保留所选空白页</translation>
    </message>
    <message>
        <source>Read the selected pages again (OCR)</source>
        <translation>重新识别所选页面（OCR）</translation>
    </message>
    <message>
        <source>Move the selected pages to the previous item</source>
        <translation>将所选页面移到上一件</translation>
    </message>
    <message>
        <source>Move the selected pages to the next item</source>
        <translation>将所选页面移到下一件</translation>
    </message>
    <message>
        <source>Replace this page with the next scan that arrives</source>
        <translation>用下一次扫描的页面替换本页</translation>
    </message>
    <message>
        <source>Split the item before this page</source>
        <translation>从本页之前拆分本件</translation>
    </message>
    <message>
        <source>Merge this item into the previous one</source>
        <translation>将本件并入上一件</translation>
    </message>
    <message>
        <source>Refresh the item list</source>
        <translation>刷新文件列表</translation>
    </message>
    <message>
        <source>What needs attention (retry failed files and pages)</source>
        <translation>需处理事项（重试失败的文件和页面）</translation>
    </message>
    <message>
        <source>Choose the station profile</source>
        <translation>选择工作站配置</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>AttentionView</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>File not taken in</source>
        <translation>文件未接收</translation>
    </message>
    <message>
        <source>Page not read</source>
        <translation>页面未识别</translation>
    </message>
    <message>
        <source>Item not finished</source>
        <translation>件未完成</translation>
    </message>
    <message>
        <source>Put a readable scan at the same path (or fix the settings), then retry</source>
        <translation>请在同一路径放入可读取的扫描文件（或修正设置），然后重试</translation>
    </message>
    <message>
        <source>Retry reads the page again; if it fails again, replace it with a rescan or bin it</source>
        <translation>重试会重新识别该页；若再次失败，请用重新扫描的页面替换，或将其移入回收站</translation>
    </message>
    <message>
        <source>Retry builds the item&apos;s PDF again</source>
        <translation>重试会重新生成本件的 PDF</translation>
    </message>
    <message>
        <source>Item %1, page %2 (%3)</source>
        <translation>第 %1 件第 %2 页（%3）</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>第 %1 件</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需处理</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Try the selected entries again (%1)</source>
        <translation>重试所选条目（%1）</translation>
    </message>
    <message>
        <source>Select what to retry first (arrow keys, Shift for several).</source>
        <translation>请先选择要重试的条目（方向键选择，按住 Shift 可多选）。</translation>
    </message>
    <message>
        <source>Retrying %1 entry(s)…</source>
        <translation>正在重试 %1 个条目…</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
    </message>
    <message>
        <source>Could not read or change the catalog: %1; see the log</source>
        <translation>无法读取或修改目录数据库：%1；请查看日志</translation>
    </message>
</context>
<context>
    <name>BatchProgress</name>
    <message>
        <source>OCR queue: %1 page(s)</source>
        <translation>OCR 队列：%1 页</translation>
    </message>
    <message>
        <source>Batch %1: %2/%3 pages read</source>
        <translation>批次 %1：已识别 %2/%3 页</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>，%1 页失败</translation>
    </message>
    <message>
        <source>Batch %1, started %2: %3 item(s) in processing, %4 to describe or commit, %5 committed, %6 need attention</source>
        <translation>批次 %1（开始于 %2）：处理中 %3 件，待著录或待提交 %4 件，已提交 %5 件，需处理 %6 件</translation>
    </message>
</context>
<context>
    <name>BinDialog</name>
    <message>
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>From item</source>
        <translation>所属件</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
    <message>
        <source>Binned</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Can be restored</source>
        <translation>可恢复</translation>
    </message>
    <message>
        <source>item %1 is committed, and committed items are frozen</source>
        <translation>第 %1 件已提交，已提交的件不能再修改</translation>
    </message>
    <message>
        <source>item %1 is still receiving pages from the scanner; restore the page once the item has closed</source>
        <translation>第 %1 件仍在接收扫描页面；请在该件接收结束后再恢复此页</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>Item %1 (%2)</source>
        <translation>第 %1 件（%2）</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1，第 %2 页</translation>
    </message>
    <message>
        <source>%1 by %2 at %3</source>
        <translation>%1 由 %2 在 %3 删除</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No: where it was is not recorded</source>
        <translation>否：未记录原位置</translation>
    </message>
    <message>
        <source>No: the item is %1</source>
        <translation>否：该件%1</translation>
    </message>
    <message>
        <source>The bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Pages deleted from items. Restore puts each back in its item, at the page number it had; Undo in the main window takes it out again.</source>
        <translation>从各件中删除的页面。“恢复”把每一页放回原来的件中、原来的页码处；在主窗口中撤销可再次移出。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Put the selected pages back in their items (Enter)</source>
        <translation>将所选页面放回原来的件中（回车）</translation>
    </message>
    <message>
        <source>Select the pages to restore first (arrow keys, Shift for several).</source>
        <translation>请先选择要恢复的页面（方向键选择，按住 Shift 可多选）。</translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>未恢复：%1</translation>
    </message>
    <message numerus="yes">
        <source>Restoring %n page(s)…</source>
        <translation>
            <numerusform>正在恢复 %n 页…</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore pages from the bin</source>
        <translation>从回收站恢复页面</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n page(s) to their items.</source>
        <translation>
            <numerusform>已将 %n 页恢复到原来的件中。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the bin from the catalog: %1; see the log</source>
        <translation>无法从目录数据库读取回收站：%1；请查看日志</translation>
    </message>
    <message>
        <source>The bin is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
</context>
<context>
    <name>DescriptionForm</name>
    <message>
        <source>档号 Archival code</source>
        <translation>档号</translation>
    </message>
    <message>
        <source>Several entries: separate them with 、 or ,</source>
        <translation>可填多项，用“、”或“,”分隔</translation>
    </message>
    <message numerus="yes">
        <source>%n page image(s) linked</source>
        <translation>
            <numerusform>已关联 %n 页图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggested: %1</source>
        <translation>建议：%1</translation>
    </message>
    <message>
        <source>Suggested, unsure: %1</source>
        <translation>建议（把握不大）：%1</translation>
    </message>
    <message>
        <source>(read as “%1”)</source>
        <translation>（识别为“%1”）</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>accept (%1)</source>
        <translation>采用（%1）</translation>
    </message>
    <message>
        <source>Read from the first page by OCR, confidence %1 %</source>
        <translation>由首页 OCR 识别，置信度 %1%</translation>
    </message>
    <message numerus="yes">
        <source>The first page&apos;s OCR suggests %n field(s), shown under them: %1 accepts the one of the field with focus, %2 all of them</source>
        <translation>
            <numerusform>首页 OCR 为 %n 个字段给出了建议值，显示在各字段下方：%1 采用当前字段的建议，%2 全部采用</numerusform>
        </translation>
    </message>
    <message>
        <source>No item selected</source>
        <translation>未选择文件</translation>
    </message>
    <message numerus="yes">
        <source>Item %1 · %2 · %n page(s)</source>
        <translation>
            <numerusform>第 %1 件 · %2 · %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Fonds code</source>
        <translation>全宗号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>门类代码</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Retention period</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Organisation code</source>
        <translation>机构(问题)代码</translation>
    </message>
    <message>
        <source>Item number</source>
        <translation>件号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>题名</translation>
    </message>
    <message>
        <source>Responsible party</source>
        <translation>责任者</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Open status</source>
        <translation>开放标识</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人名</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>专题</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>Welcome to Lantai</source>
        <translation>欢迎使用兰台</translation>
    </message>
    <message>
        <source>Nothing has been scanned yet. Let the scanner save its files into this folder; Lantai takes each file in as soon as it is complete:</source>
        <translation>尚未扫描任何文件。请让扫描仪把文件保存到此文件夹，每个文件一写完，兰台就会接收：</translation>
    </message>
    <message>
        <source>Nothing has been scanned yet. Let the scanner save its files into one of these folders; Lantai takes each file in as soon as it is complete:</source>
        <translation>尚未扫描任何文件。请让扫描仪把文件保存到以下任一文件夹，每个文件一写完，兰台就会接收：</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Or see the whole flow now with a few sample documents that Lantai makes itself:</source>
        <translation>也可以用兰台自动生成的几份示例文件，立即体验完整流程：</translation>
    </message>
    <message>
        <source>&amp;Load sample pages</source>
        <translation>载入示例页面(&amp;L)</translation>
    </message>
    <message>
        <source>Each file appears in the item list on the left while it is checked and read (OCR); it is ready when it says &lt;i&gt;awaiting description&lt;/i&gt;.</source>
        <translation>每个文件在质检和识别（OCR）期间会出现在左侧的文件列表中；显示&lt;i&gt;待著录&lt;/i&gt;时即可著录。</translation>
    </message>
    <message>
        <source>%1 and %2 move between items; the page shows here, its thumbnails below.</source>
        <translation>%1 和 %2 在各件之间切换；页面显示在这里，缩略图在下方。</translation>
    </message>
    <message>
        <source>%1 goes to the description form. What OCR read on the first page (title, date, document number, issuing body) is suggested under each field: %2 takes it, %3 takes them all.</source>
        <translation>%1 转到著录表单。OCR 从首页识别出的内容（题名、日期、文号、发文机关）作为建议值显示在各字段下方：%2 采用当前建议，%3 采用全部建议。</translation>
    </message>
    <message>
        <source>%1 commits the item and opens the next one. %2 lists every key.</source>
        <translation>%1 提交本件并打开下一件。%2 列出全部快捷键。</translation>
    </message>
    <message>
        <source>Could not open %1 here; open it in your file manager.</source>
        <translation>无法在此打开 %1，请在文件管理器中打开。</translation>
    </message>
    <message>
        <source>Writing the sample pages into %1…</source>
        <translation>正在把示例页面写入 %1…</translation>
    </message>
    <message>
        <source>%1 sample files are in %2. They appear in the item list as the station reads them, a few seconds a page.</source>
        <translation>%1 个示例文件已放入 %2。工作站读取后，它们会陆续出现在文件列表中，每页约需几秒。</translation>
    </message>
    <message>
        <source>No sample pages: %1</source>
        <translation>未能生成示例页面：%1</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Item</source>
        <translation>件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>档号</source>
        <translation>档号</translation>
    </message>
    <message>
        <source>题名 Title</source>
        <translation>题名</translation>
    </message>
</context>
<context>
    <name>ItemState</name>
    <message>
        <source>collecting</source>
        <translation>接收中</translation>
    </message>
    <message>
        <source>processing</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>awaiting description</source>
        <translation>待著录</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>待提交</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>需处理</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>已合并</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Item</source>
        <translation>件(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Pages</source>
        <translation>页面(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Lantai 兰台 — %1</source>
        <translation>兰台 — %1</translation>
    </message>
    <message>
        <source>%1 sample file(s) written; they appear in the list as the station reads them</source>
        <translation>已写入 %1 个示例文件；工作站读取后会陆续出现在文件列表中</translation>
    </message>
    <message>
        <source>F1 every key · F2 the form · Ctrl+↓/↑ next/previous item</source>
        <translation>F1 全部快捷键 · F2 著录表单 · Ctrl+↓/↑ 下一件/上一件</translation>
    </message>
    <message>
        <source>%1 need attention (F9)</source>
        <translation>需处理 %1 项（F9）</translation>
    </message>
    <message>
        <source>%1 item(s) in processing · %2 to describe or commit</source>
        <translation>处理中 %1 件 · 待著录或待提交 %2 件</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
    </message>
    <message>
        <source>Page changes are still being saved; commit again in a moment</source>
        <translation>页面修改仍在保存，请稍后再提交</translation>
    </message>
    <message>
        <source>The profile new scans are taken in with, for this session; the default is chosen in Settings</source>
        <translation>本次运行接收新扫描所用的配置；默认配置在“设置”中选择</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Station profile:</source>
        <translation>工作站配置：</translation>
    </message>
    <message>
        <source>Station stopped: %1</source>
        <translation>工作站已停止：%1</translation>
    </message>
    <message>
        <source>New scans are taken in with profile %1, from %2</source>
        <translation>新扫描将按配置 %1 从 %2 接收</translation>
    </message>
    <message>
        <source>Not committed: %1</source>
        <translation>未提交：%1</translation>
    </message>
    <message>
        <source>Committing item %1…</source>
        <translation>正在提交第 %1 件…</translation>
    </message>
    <message>
        <source>Item %1 committed as %2</source>
        <translation>第 %1 件已提交，档号 %2</translation>
    </message>
    <message>
        <source>commit failed: %1; see the log</source>
        <translation>提交失败：%1；请查看日志</translation>
    </message>
    <message>
        <source>Settings saved; they take effect when Lantai is restarted</source>
        <translation>设置已保存，重新启动兰台后生效</translation>
    </message>
    <message>
        <source>OCR done: item %1 page %2</source>
        <translation>OCR 完成：第 %1 件第 %2 页</translation>
    </message>
    <message>
        <source>Item %1 is ready to describe</source>
        <translation>第 %1 件可以著录了</translation>
    </message>
    <message>
        <source>Item %1 needs attention: </source>
        <translation>第 %1 件需处理：</translation>
    </message>
</context>
<context>
    <name>PageActions</name>
    <message>
        <source>Move pages earlier</source>
        <translation>页面前移</translation>
    </message>
    <message>
        <source>Move pages later</source>
        <translation>页面后移</translation>
    </message>
    <message>
        <source>Turn pages clockwise</source>
        <translation>页面顺时针旋转</translation>
    </message>
    <message>
        <source>Turn pages anticlockwise</source>
        <translation>页面逆时针旋转</translation>
    </message>
    <message>
        <source>Move pages to the bin</source>
        <translation>页面移入回收站</translation>
    </message>
    <message>
        <source>Keep blank pages</source>
        <translation>保留空白页</translation>
    </message>
    <message>
        <source>Read pages again</source>
        <translation>重新识别页面</translation>
    </message>
    <message>
        <source>Move pages</source>
        <translation>移动页面</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Select a page first (F7, then the arrows; Shift+arrows for several)</source>
        <translation>请先选择页面（按 F7，再用方向键；Shift+方向键可多选）</translation>
    </message>
    <message>
        <source>There is no item there to move the pages to</source>
        <translation>那一侧没有可移入页面的件</translation>
    </message>
    <message>
        <source>Move pages to item %1</source>
        <translation>将页面移到第 %1 件</translation>
    </message>
    <message>
        <source>Split item %1</source>
        <translation>拆分第 %1 件</translation>
    </message>
    <message>
        <source>There is no previous item to merge into</source>
        <translation>没有可并入的上一件</translation>
    </message>
    <message>
        <source>Merge item %1 into item %2</source>
        <translation>将第 %1 件并入第 %2 件</translation>
    </message>
    <message>
        <source>The next scan that arrives replaces this page; the page goes to the bin (undo brings it back)</source>
        <translation>下一次扫描到达的页面将替换本页；本页移入回收站（可撤销恢复）</translation>
    </message>
    <message>
        <source>Replace a page with a new scan</source>
        <translation>用新扫描替换页面</translation>
    </message>
</context>
<context>
    <name>PageOperations</name>
    <message>
        <source>page operation failed: %1; see the log</source>
        <translation>页面操作失败：%1；请查看日志</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>is required; write e.g. {example}</source>
        <translation>必填，例如 {example}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not match this archive&apos;s fonds codes ({pattern}); write e.g. Z109</source>
        <translation>“{value}”不符合本馆全宗号的格式（{pattern}），例如 Z109</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a category code; use one of {choices}</source>
        <translation>“{value}”不是门类代码，请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a year; write 4 digits such as 2023</source>
        <translation>“{value}”不是年度，请写 4 位数字，例如 2023</translation>
    </message>
    <message>
        <source>{value} is outside {earliest}–{latest}; check the year</source>
        <translation>{value} 不在 {earliest}–{latest} 范围内，请核对年度</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a retention code; use one of {choices}</source>
        <translation>“{value}”不是保管期限代码，请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; may hold only letters, digits or Chinese characters, because it becomes part of the 档号; write e.g. BGS</source>
        <translation>“{value}”只能包含字母、数字或汉字，因为它是档号的组成部分，例如 BGS</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number; write 4 digits such as 0026</source>
        <translation>“{value}”不是数字，请写 4 位数字，例如 0026</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is outside 0001–9999; write 4 digits such as 0026</source>
        <translation>“{value}”不在 0001–9999 范围内，请写 4 位数字，例如 0026</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has an unpaired bracket; put a title you supplied wholly in [ ]</source>
        <translation>“{value}”中的方括号不成对；自拟题名请整体加 [ ]</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; does not look like issuer〔year〕serial号 such as 国办发〔2024〕1号; check it against the document</source>
        <translation>“{value}”不符合“机关代字〔年份〕顺序号”的文号格式（例如 国办发〔2024〕1号），请对照原件核对</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date; write YYYYMMDD such as 20230512, in [ ] if you inferred it</source>
        <translation>“{value}”不是日期，请按 YYYYMMDD 填写，例如 20230512；推断的日期加 [ ]</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a real calendar date; write YYYYMMDD such as 20230512, in [ ] if you inferred it</source>
        <translation>“{value}”不是实际存在的日期，请按 YYYYMMDD 填写，例如 20230512；推断的日期加 [ ]</translation>
    </message>
    <message>
        <source>{value} is outside the years {earliest}–{latest}; check the date</source>
        <translation>{value} 不在 {earliest}–{latest} 年范围内，请核对日期</translation>
    </message>
    <message>
        <source>{value} is in {date_year} but 年度 year is {year}; check one of them</source>
        <translation>{value} 属于 {date_year} 年，但年度为 {year}，请核对日期或年度</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number; write the page count such as 12</source>
        <translation>“{value}”不是数字，请填写页数，例如 12</translation>
    </message>
    <message>
        <source>{value} must be 1 or more</source>
        <translation>{value} 无效，页数至少为 1</translation>
    </message>
    <message>
        <source>says {value} but {linked} page images are linked; scan or unlink pages, or correct the count</source>
        <translation>填写为 {value} 页，但已关联 {linked} 张页面图像；请补扫或解除关联页面，或更正页数</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a secrecy level; use one of {choices}, optionally with a term such as 机密★10年, or leave it empty when unclassified</source>
        <translation>“{value}”不是密级，请使用 {choices} 之一，可加保密期限，例如 机密★10年；非涉密文件留空</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has a term that is not like 10年, 6个月 or 长期; write e.g. 机密★10年</source>
        <translation>“{value}”的保密期限应写作 10年、6个月 或 长期 这样的形式，例如 机密★10年</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an open status; use one of {choices}</source>
        <translation>“{value}”不是开放标识，请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not one of this archive&apos;s thematic collections ({choices}); pick one or ask for it to be added</source>
        <translation>“{value}”不是本馆的专题（{choices}）；请从中选择，或申请添加该专题</translation>
    </message>
    <message>
        <source>{code} is already used by item {holder}; change 件号 item_no</source>
        <translation>{code} 已被第 {holder} 件使用，请修改件号</translation>
    </message>
    <message>
        <source>item {item} is committed; its description is frozen</source>
        <translation>第 {item} 件已提交，其著录不能再修改</translation>
    </message>
    <message>
        <source>item {item} has no pages (they were merged into another item); there is nothing to describe or commit. Undo the page operation to bring them back</source>
        <translation>第 {item} 件没有页面（已并入其他件），无可著录或提交的内容。撤销该页面操作即可恢复页面</translation>
    </message>
    <message>
        <source>item {item} has no pages (they were binned or moved); there is nothing to describe or commit. Undo the page operation to bring them back</source>
        <translation>第 {item} 件没有页面（已移入回收站或移到其他件），无可著录或提交的内容。撤销该页面操作即可恢复页面</translation>
    </message>
    <message>
        <source>{field_zh} {field}: {text}</source>
        <comment>a problem on a line of its own: field_zh is the Chinese name of the field</comment>
        <translation>{field_zh}：{text}</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the entries of a list</comment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Scans</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Type a folder&apos;s full path and press Enter</source>
        <translation>输入文件夹的完整路径后按回车</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>&amp;Watched folders</source>
        <translation>监视文件夹(&amp;W)</translation>
    </message>
    <message>
        <source>Poll the folders (for network shares, which report no changes)</source>
        <translation>定时轮询文件夹（网络共享不会通知文件变化）</translation>
    </message>
    <message>
        <source>One file is one item</source>
        <translation>一个文件为一件</translation>
    </message>
    <message>
        <source>One folder is one item</source>
        <translation>一个文件夹为一件</translation>
    </message>
    <message>
        <source>Pages scanned close together are one item</source>
        <translation>扫描时间相近的页面为一件</translation>
    </message>
    <message>
        <source>&amp;Grouping</source>
        <translation>组件规则(&amp;G)</translation>
    </message>
    <message>
        <source>A new item after a &amp;pause of</source>
        <translation>间隔超过此时长另起一件(&amp;P)</translation>
    </message>
    <message>
        <source>An item is &amp;closed after</source>
        <translation>无新页面多久后结束本件(&amp;C)</translation>
    </message>
    <message>
        <source>Text recognition (OCR)</source>
        <translation>文字识别（OCR）</translation>
    </message>
    <message>
        <source>&amp;Languages</source>
        <translation>识别语言(&amp;L)</translation>
    </message>
    <message>
        <source>Looking for Tesseract&apos;s languages…</source>
        <translation>正在查询 Tesseract 已安装的语言…</translation>
    </message>
    <message>
        <source>Image checks</source>
        <translation>图像质检</translation>
    </message>
    <message>
        <source>&amp;Minimum resolution</source>
        <translation>最低分辨率(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Recommended resolution</source>
        <translation>推荐分辨率(&amp;R)</translation>
    </message>
    <message>
        <source>Largest &amp;skew</source>
        <translation>最大歪斜角度(&amp;S)</translation>
    </message>
    <message>
        <source>Page size may differ by</source>
        <translation>页面尺寸允许偏差</translation>
    </message>
    <message>
        <source>Pages must be in colour (records with red headers or seals)</source>
        <translation>页面必须为彩色（含红头或印章的文件）</translation>
    </message>
    <message>
        <source>Turn pages upright</source>
        <translation>自动摆正页面方向</translation>
    </message>
    <message>
        <source>Straighten skewed pages</source>
        <translation>自动纠正歪斜页面</translation>
    </message>
    <message>
        <source>Archival code (档号)</source>
        <translation>档号</translation>
    </message>
    <message>
        <source>&amp;Template</source>
        <translation>档号模板(&amp;T)</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Placeholders: %1. {org} may be empty; {item} is required; put punctuation such as - or · between them.</source>
        <translation>占位符：%1。{org} 可以为空；{item} 必不可少；各占位符之间须用“-”或“·”等标点分隔。</translation>
    </message>
    <message>
        <source> s</source>
        <comment>suffix: seconds</comment>
        <translation> 秒</translation>
    </message>
    <message>
        <source>The languages cannot be checked: %1</source>
        <translation>无法检查识别语言：%1</translation>
    </message>
    <message>
        <source>Installed: %1</source>
        <translation>已安装：%1</translation>
    </message>
    <message>
        <source>Write the folder&apos;s whole path, such as /srv/scans/station1</source>
        <translation>请填写文件夹的完整路径，例如 /srv/scans/station1</translation>
    </message>
    <message>
        <source>%1 does not exist yet; the station watches it once it does</source>
        <translation>%1 尚不存在；创建后工作站即开始监视</translation>
    </message>
    <message>
        <source>Folder the scanner saves into</source>
        <translation>扫描仪保存文件的文件夹</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The settings file cannot be read, so these are the ones Lantai started with: %1</source>
        <translation>无法读取设置文件，以下为兰台启动时使用的设置：%1</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Station &amp;name</source>
        <translation>工作站名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Operator</source>
        <translation>操作员(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Default profile</source>
        <translation>默认配置(&amp;D)</translation>
    </message>
    <message>
        <source>Interface &amp;language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>The interface language changes when Lantai is restarted.</source>
        <translation>界面语言在重新启动兰台后生效。</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>工作站配置</translation>
    </message>
    <message>
        <source>New profile name, then Enter</source>
        <translation>输入新配置名称后按回车</translation>
    </message>
    <message>
        <source>The new profile starts as a copy of the one shown</source>
        <translation>新配置从当前显示的配置复制而来</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <source>There is already a profile named %1</source>
        <translation>已有名为 %1 的配置</translation>
    </message>
    <message>
        <source>A station needs at least one profile</source>
        <translation>工作站至少需要一个配置</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>配置 %1</translation>
    </message>
    <message>
        <source>station</source>
        <translation>工作站</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n problem(s) to fix, marked in red. First, in %1: %2</source>
        <translation>
            <numerusform>未保存：有 %n 处问题需要修正，已用红色标出。第一处在%1：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>New key for the selected command:</source>
        <translation>所选命令的新按键：</translation>
    </message>
    <message>
        <source>%1 is already the key of: %2. Choose another key.</source>
        <translation>%1 已是“%2”的快捷键，请另选按键。</translation>
    </message>
</context>
<context>
    <name>Station</name>
    <message>
        <source>Taken in: %1</source>
        <translation>已接收：%1</translation>
    </message>
    <message>
        <source>Already in the catalog (same content): %1</source>
        <translation>目录中已有（内容相同）：%1</translation>
    </message>
    <message>
        <source>Not taken in: %1 (F9 says why)</source>
        <translation>未接收：%1（按 F9 查看原因）</translation>
    </message>
    <message>
        <source>Watching %1 (profile %2)</source>
        <translation>正在监视 %1（配置 %2）</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <source>QC ok</source>
        <translation>质检通过</translation>
    </message>
    <message>
        <source>QC warning</source>
        <translation>质检警告</translation>
    </message>
    <message>
        <source>QC error</source>
        <translation>质检不合格</translation>
    </message>
    <message>
        <source>%1 · reading</source>
        <translation>%1 · 识别中</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
</context>
</TS>
