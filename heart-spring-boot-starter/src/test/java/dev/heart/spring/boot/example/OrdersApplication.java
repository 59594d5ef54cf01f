package dev.heart.spring.boot.example;

// DOCS-SNIPPET-START
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args); // registers itself: nothing else to write
    }

    @GetMapping("/orders")
    String orders() {
        return "[]";
    }
}
// DOCS-SNIPPET-END
