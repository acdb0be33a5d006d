"""The status bar's batch progress, fed from the catalog as the window feeds it."""

from __future__ import annotations

from app.catalog.models import Item, ItemState, PageState
from app.scanning.ingest import Ingestor
from app.ui.batch_progress import BatchProgress
from app.workspace import Workspace


def test_a_bar_per_batch_with_pages_read_and_the_ocr_queue(qtbot, workspace: Workspace, make_strips, tmp_path):
    progress = BatchProgress()
    qtbot.addWidget(progress)

    progress.show_progress(workspace.batch_progress())  # the UI catalog: one batch, all read
    [bar] = progress.bars.values()
    assert (bar.text(), bar.value(), bar.maximum()) == ("Batch 1: 3/3 pages read", 3, 3)
    assert progress.queue_label.text() == "OCR queue: 0 page(s)"
    assert "3 to describe or commit" in bar.toolTip()

    with workspace.catalog.session() as session:  # one page is read again, another failed
        for item_id, state in ((2, PageState.PENDING), (3, PageState.FAILED)):
            item = session.get(Item, item_id)
            item.pages[0].state = state
            item.state = ItemState.PROCESSING if state == PageState.PENDING else ItemState.NEEDS_ATTENTION
    progress.show_progress(workspace.batch_progress())

    assert progress.bars[1] is bar
    assert (bar.text(), bar.value()) == ("Batch 1: 1/3 pages read, 1 failed", 2)
    assert progress.queue_label.text() == "OCR queue: 1 page(s)"
    assert "1 item(s) in processing" in bar.toolTip() and "1 need attention" in bar.toolTip()

    ingestor = Ingestor(workspace.catalog, workspace.store, workspace.profile, workspace.actor)
    ingestor.ingest(make_strips(tmp_path / "more", 1, start=7)[0])  # a new batch arrives
    ingestor.close_batch()
    progress.show_progress(workspace.batch_progress())
    layout = progress.layout()
    shown = [layout.itemAt(index).widget() for index in range(layout.count())]
    assert shown == [bar, progress.bars[2], progress.queue_label]
    assert progress.bars[2].text() == "Batch 2: 0/1 pages read"
    assert progress.queue_label.text() == "OCR queue: 2 page(s)"

    progress.show_progress([])
    assert progress.bars == {} and progress.queue_label.text() == "OCR queue: 0 page(s)"
