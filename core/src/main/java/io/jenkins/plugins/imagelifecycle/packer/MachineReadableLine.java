package io.jenkins.plugins.imagelifecycle.packer;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code packer -machine-readable} output: {@code timestamp,target,type,data…}, with commas
 * inside data written as {@code %!(PACKER_COMMA)} and newlines as {@code \n}.
 */
record MachineReadableLine(String target, String type, List<String> data) {

    static MachineReadableLine parse(String line) {
        String[] parts = line.split(",", -1);
        if (parts.length < 3 || !parts[0].chars().allMatch(Character::isDigit) || parts[0].isEmpty()) {
            return new MachineReadableLine("", "raw", List.of(line));
        }
        List<String> data = new ArrayList<>();
        for (int i = 3; i < parts.length; i++) {
            data.add(parts[i].replace("%!(PACKER_COMMA)", ",").replace("\\n", "\n").replace("\\r", ""));
        }
        return new MachineReadableLine(parts[1], parts[2], data);
    }

    String data(int i) {
        return i < data.size() ? data.get(i) : "";
    }
}
