package io.switchboard.ingress.batch;

import java.util.List;

/** A batch's input file, read: its request lines, or why the file as a whole cannot make a batch. */
record BatchInput(List<InputLine> lines, BatchObject.Error unusable) {

    static BatchInput of(List<InputLine> lines) {
        return new BatchInput(lines, null);
    }

    static BatchInput unusable(String code, String message) {
        return new BatchInput(List.of(), new BatchObject.Error(code, message, "input_file_id", null));
    }
}
